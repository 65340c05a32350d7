using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Kwaf.Grains.Tests.Subjects;

/// <summary>
/// One in-process cluster (one silo on loopback, ports picked free by the test host) for the subject grain tests. It
/// differs from the shared cluster fixture in what these tests must observe: the <c>subjects</c> and
/// <c>decisions</c> storage is a <see cref="CountingGrainStorage"/>, the silo runs <c>AddKwafGrainServices</c> with
/// test configuration, and the fake clock starts at the tests' event time so the decision board does not treat
/// fresh decisions as expired.
/// The write timer is set to its longest allowed interval and the clock is never advanced, so only the immediate
/// and deactivation writes can happen during a test.
/// </summary>
public sealed class SubjectClusterFixture : IAsyncLifetime
{
    /// <summary>The allowlisted range in this cluster's policy.</summary>
    public const string AllowlistedRange = "192.0.2.0/24";

    private readonly CountingGrainStorage _storage = new();
    private InProcessTestCluster? _cluster;

    internal CountingGrainStorage Storage => _storage;

    public InProcessTestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The subject test cluster is not deployed yet.");

    public IGrainFactory GrainFactory => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kwaf:Persistence:WriteInterval"] = "00:10:00",
            ["Kwaf:Policy:Allowlist:0"] = AllowlistedRange,
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>("subjects", _storage);
            silo.Services.AddKeyedSingleton<IGrainStorage>("decisions", _storage);
            silo.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestEvents.T0));
            silo.Services.AddKwafGrainServices();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }
}
