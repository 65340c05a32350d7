using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kwaf.Grains.Tests.TestCluster;

/// <summary>
/// Configures each test silo: memory storage for the <c>subjects</c> and <c>decisions</c> providers with the JSON
/// storage serializer (so state that does not round-trip through System.Text.Json fails here rather than in
/// production), and one <see cref="FakeTimeProvider"/> as the silo's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// The silo host has no shared configuration method yet, so storage is configured here directly. When the silo
/// project gains one, call it from here and keep only the test overrides (memory storage, fake time).
/// </remarks>
internal sealed class TestSiloConfigurator : ISiloConfigurator
{
    /// <summary>The instant the fake clock starts at: 2025-01-01T12:00:00Z.</summary>
    public static readonly DateTimeOffset StartTime = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddMemoryGrainStorage("subjects");
        siloBuilder.AddMemoryGrainStorage("decisions");
        siloBuilder.UseSystemTextJsonGrainStorageSerializer();
        siloBuilder.Services.AddSingleton(new FakeTimeProvider(StartTime));
        siloBuilder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<FakeTimeProvider>());
    }
}
