namespace Kwaf.Gateway.Hosting;

internal sealed partial class DecisionCacheResynchronizer
{
    // Event ids 4980-4999 belong to the gateway's cluster client (see KwafClientConnectionRetryFilter).
    private static partial class Log
    {
        [LoggerMessage(EventId = 4981, EventName = "ClusterConnectionLost", Level = LogLevel.Warning,
            Message = "Lost every connection to the cluster; checks answer from the cached decisions")]
        public static partial void ConnectionLost(ILogger logger);

        [LoggerMessage(EventId = 4982, EventName = "ClusterGatewayCountChanged", Level = LogLevel.Information,
            Message = "Connected silo gateways changed from {PreviousCount} to {CurrentCount}")]
        public static partial void GatewayCountChanged(ILogger logger, int previousCount, int currentCount);
    }
}
