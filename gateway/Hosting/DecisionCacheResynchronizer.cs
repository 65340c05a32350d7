using Kwaf.Gateway.Decisions.Cache;

namespace Kwaf.Gateway.Hosting;

/// <summary>
/// Watches the client's connections to the cluster. When a silo it was connected to goes away or the connection
/// comes back, the decision board may have moved to another silo and lost its subscribers (they live in the
/// board's memory), so it asks the synchronizer to subscribe again and reload a full snapshot.
/// </summary>
internal sealed partial class DecisionCacheResynchronizer(
    DecisionCacheSynchronizer synchronizer,
    ILogger<DecisionCacheResynchronizer> logger) : IClusterConnectionStatusObserver
{
    /// <inheritdoc />
    public void NotifyClusterConnectionLost() => Log.ConnectionLost(logger);

    /// <inheritdoc />
    public void NotifyGatewayCountChanged(
        int currentNumberOfGateways,
        int previousNumberOfGateways,
        bool connectionRecovered)
    {
        Log.GatewayCountChanged(logger, previousNumberOfGateways, currentNumberOfGateways);
        if (connectionRecovered || currentNumberOfGateways < previousNumberOfGateways)
        {
            synchronizer.RequestResynchronize();
        }
    }
}
