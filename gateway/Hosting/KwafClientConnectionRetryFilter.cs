namespace Kwaf.Gateway.Hosting;

/// <summary>
/// Keeps a gateway in client mode trying to reach the cluster, once a second, until the host stops: a gateway
/// started before its silos waits for them instead of exiting. It does not serve HTTP meanwhile.
/// </summary>
internal sealed partial class KwafClientConnectionRetryFilter(
    TimeProvider timeProvider,
    ILogger<KwafClientConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        Log.ClusterUnreachable(logger, RetryDelay, exception);
        await Task.Delay(RetryDelay, timeProvider, cancellationToken);
        return true;
    }
}
