using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Hosting;

/// <summary>Logs once, when the silo becomes active, how it is hosted, which store it uses and its ports.</summary>
internal sealed partial class KwafSiloStartupReporter(
    KwafSiloStartupSummary summary,
    ILogger<KwafSiloStartupReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(KwafSiloStartupReporter), ServiceLifecycleStage.Active, ReportAsync);
    }

    private Task ReportAsync(CancellationToken cancellationToken)
    {
        Log.SiloStarted(
            logger,
            summary.Mode,
            summary.Provider,
            summary.StoreLocation,
            summary.RedactedConnectionString,
            summary.SiloPort,
            summary.GatewayPort,
            summary.ClusterId,
            summary.ServiceId);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(
            EventId = HostingEventIds.SiloStarted,
            EventName = "SiloStarted",
            Level = LogLevel.Information,
            Message = "Silo started: mode {Mode}, store {Provider} at {StoreLocation} ({ConnectionString}), "
                + "silo port {SiloPort}, gateway port {GatewayPort}, cluster {ClusterId}, service {ServiceId}")]
        public static partial void SiloStarted(
            ILogger logger,
            KwafSiloMode mode,
            KwafStorageProvider provider,
            string storeLocation,
            string connectionString,
            int siloPort,
            int gatewayPort,
            string clusterId,
            string serviceId);
    }
}
