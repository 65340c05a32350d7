namespace Kwaf.Gateway.Edge.HAProxy;

internal sealed partial class HAProxyMapSynchronizer
{
    // Event ids 5100-5149 belong to HAProxy enforcement.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, EventName = "HAProxyFeedStarted", Level = LogLevel.Information,
            Message = "Feeding decisions to HAProxy at {Endpoints} (maps {IpMap} and {UserMap})")]
        public static partial void Started(ILogger logger, string endpoints, string ipMap, string userMap);

        [LoggerMessage(EventId = 5101, EventName = "HAProxyMapsLoaded", Level = LogLevel.Information,
            Message = "HAProxy at {Endpoint} ({Process}) loaded in full with {IpEntries} address, {UserEntries} "
                + "user and {TableEntries} timed-ban table entries: {Reason}")]
        public static partial void Loaded(
            ILogger logger,
            string endpoint,
            string process,
            int ipEntries,
            int userEntries,
            int tableEntries,
            string reason);

        [LoggerMessage(EventId = 5102, EventName = "HAProxyMapsUpdated", Level = LogLevel.Debug,
            Message = "HAProxy at {Endpoint} took {Edits} map edits")]
        public static partial void Updated(ILogger logger, string endpoint, int edits);

        [LoggerMessage(EventId = 5103, EventName = "HAProxyFeedFailed", Level = LogLevel.Warning,
            Message = "HAProxy at {Endpoint} could not be updated ({Failures} failed rounds in a row); retrying every "
                + "{RetryInterval}, with a full load once it answers")]
        public static partial void FeedFailed(
            ILogger logger,
            string endpoint,
            int failures,
            TimeSpan retryInterval,
            Exception exception);

        [LoggerMessage(EventId = 5104, EventName = "HAProxyFeedRecovered", Level = LogLevel.Information,
            Message = "HAProxy at {Endpoint} is updated again after {Failures} failed rounds")]
        public static partial void Recovered(ILogger logger, string endpoint, int failures);

        [LoggerMessage(EventId = 5105, EventName = "HAProxyUsersSkipped", Level = LogLevel.Debug,
            Message = "{Count} user decisions are not in the HAProxy user map: their ids cannot be map keys")]
        public static partial void UsersSkipped(ILogger logger, int count);
    }
}
