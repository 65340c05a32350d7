using Kwaf.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Opens the embedded store early in silo start, before grain storage providers read their queries from it: takes
/// the data folder's lock, runs the <see cref="EmbeddedStoreInitializer"/>, and lists the states the store holds
/// (<see cref="StoredKeySet"/>). A failure stops the silo, and so the host, before it serves. The lock is given back
/// when the silo stops.
/// </summary>
internal sealed class EmbeddedStoreLifecycleParticipant(
    EmbeddedStoreInitializer initializer,
    DataFolderLock folderLock,
    StoredKeySet storedKeys,
    IOptions<ClusterOptions> cluster)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(EmbeddedStoreLifecycleParticipant),
            ServiceLifecycleStage.RuntimeInitialize,
            StartAsync,
            StopAsync);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        folderLock.Acquire(initializer.DataFolder);
        await initializer.InitializeAsync(cancellationToken);
        if (DataFolderLock.IsEnforced)
        {
            await initializer.LoadStoredKeysAsync(storedKeys, cluster.Value.ServiceId, cancellationToken);
        }
        else
        {
            initializer.ReportLockingDisabled();
        }
    }

    private Task StopAsync(CancellationToken cancellationToken)
    {
        folderLock.Release();
        return Task.CompletedTask;
    }
}
