using Orleans.TestingHost;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

/// <summary>
/// A one-silo in-process cluster (loopback, free ports chosen by the test host) with memory storage named
/// <c>decisions</c>, so the decision board runs as in production. The silo uses the system clock.
/// </summary>
public sealed class BoardClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The test cluster is not deployed.");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = "kwaf-gw-test-" + Guid.NewGuid().ToString("N");
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
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

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage("decisions");
            siloBuilder.AddMemoryGrainStorage("subjects");
            siloBuilder.UseSystemTextJsonGrainStorageSerializer();
        }
    }
}
