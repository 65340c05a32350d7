using Kwaf.Grains.Storage;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Runs the <see cref="PostgresMigrator"/> early in silo start, before the grain storage providers read their queries
/// from the database; a failure stops the silo, and so the host, before it serves.
/// </summary>
internal sealed class PostgresMigrationLifecycleParticipant(PostgresMigrator migrator)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(PostgresMigrationLifecycleParticipant),
            ServiceLifecycleStage.RuntimeInitialize,
            migrator.MigrateAsync);
    }
}
