namespace Kwaf.Grains.Hosting;

/// <summary>
/// Runs the <see cref="EmbeddedStoreInitializer"/> early in silo start, before grain storage providers read
/// their queries from the store; a failure stops the silo, and so the host, before it serves.
/// </summary>
internal sealed class EmbeddedStoreLifecycleParticipant(EmbeddedStoreInitializer initializer)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(EmbeddedStoreLifecycleParticipant),
            ServiceLifecycleStage.RuntimeInitialize,
            initializer.InitializeAsync);
    }
}
