namespace Kwaf.Gateway.Hosting;

internal sealed partial class KwafClientConnectionRetryFilter
{
    // Event ids 4980-4999 belong to the gateway's cluster client (this file and KwafClusterConnectionObserver).
    private static partial class Log
    {
        [LoggerMessage(EventId = 4980, EventName = "ClusterUnreachable", Level = LogLevel.Warning,
            Message = "Cannot connect to the cluster yet; retrying in {RetryDelay}")]
        public static partial void ClusterUnreachable(ILogger logger, TimeSpan retryDelay, Exception exception);
    }
}
