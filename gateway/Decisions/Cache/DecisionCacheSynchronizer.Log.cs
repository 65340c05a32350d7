namespace Kwaf.Gateway.Decisions.Cache;

internal sealed partial class DecisionCacheSynchronizer
{
    // Event ids 2300-2349 belong to the decision cache.
    private static partial class Log
    {
        [LoggerMessage(EventId = 2300, EventName = "DecisionCacheSynchronized", Level = LogLevel.Information,
            Message = "Decision cache synchronized with the board at version {Version}")]
        public static partial void Synchronized(ILogger logger, long version);

        [LoggerMessage(EventId = 2301, EventName = "DecisionCachePollFailed", Level = LogLevel.Warning,
            Message = "Decision cache could not read changes after version {Version}; serving the last state")]
        public static partial void PollFailed(ILogger logger, long version, Exception exception);

        [LoggerMessage(EventId = 2302, EventName = "DecisionCacheSubscribeFailed", Level = LogLevel.Warning,
            Message = "Decision cache could not subscribe to the board; relying on polling until the next try")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2303, EventName = "DecisionCacheUnsubscribeFailed", Level = LogLevel.Warning,
            Message = "Decision cache could not unsubscribe from the board; the subscription will expire")]
        public static partial void UnsubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2304, EventName = "DecisionBoardVersionWentBack", Level = LogLevel.Warning,
            Message = "Decision board version went back from {CacheVersion} to {BoardVersion}; cache reset")]
        public static partial void BoardVersionWentBack(ILogger logger, long cacheVersion, long boardVersion);

        [LoggerMessage(EventId = 2305, EventName = "DecisionCacheResynchronized", Level = LogLevel.Information,
            Message = "Decision cache resubscribed and reloaded from the board at version {Version}")]
        public static partial void Resynchronized(ILogger logger, long version);
    }
}
