using System.Diagnostics.Metrics;

namespace Kwaf.Grains.Storage;

/// <summary>
/// Instruments of grain state storage: <c>kwaf.storage.write_failures</c> (failed or timed-out state writes, tagged
/// with the storage name) and <c>kwaf.storage.pending_writes</c> (grains holding state that a failed write left
/// unsaved, waiting for a retry).
/// </summary>
internal sealed class StorageMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Kwaf.Storage";

    private readonly Counter<long> _writeFailures;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The meter factory of the host.</param>
    /// <param name="pendingWrites">Reads the current number of grains waiting to retry a write.</param>
    public StorageMetrics(IMeterFactory meterFactory, Func<long> pendingWrites)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _writeFailures = meter.CreateCounter<long>(
            "kwaf.storage.write_failures",
            unit: "{write}",
            description: "Grain state writes that failed or did not finish within the write timeout.");
        meter.CreateObservableGauge(
            "kwaf.storage.pending_writes",
            pendingWrites,
            unit: "{grain}",
            description: "Grains whose state a failed write left unsaved, waiting for a retry.");
    }

    /// <summary>Counts one failed or timed-out write.</summary>
    /// <param name="storageName">The grain storage, for example <c>subjects</c>.</param>
    public void WriteFailed(string storageName)
    {
        if (_writeFailures.Enabled)
        {
            _writeFailures.Add(1, new KeyValuePair<string, object?>("kwaf.storage", storageName));
        }
    }
}
