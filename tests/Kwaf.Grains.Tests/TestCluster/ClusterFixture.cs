using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Kwaf.Grains.Tests.TestCluster;

/// <summary>
/// One in-process Orleans cluster (one silo, loopback, ports chosen free by the test host) shared by every test class
/// in <see cref="ClusterCollection"/>. Grain storage <c>subjects</c> and <c>decisions</c> is in memory and survives
/// deactivation while the silo runs. <see cref="Time"/> is the silo's clock: advance it to move grain time and timers.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private Orleans.TestingHost.TestCluster? _cluster;
    private FakeTimeProvider? _time;

    /// <summary>The running cluster.</summary>
    public Orleans.TestingHost.TestCluster Cluster =>
        _cluster ?? throw new InvalidOperationException("The test cluster is not deployed yet.");

    /// <summary>The cluster client's grain factory.</summary>
    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    /// <summary>The fake clock registered as the silo's <see cref="TimeProvider"/>.</summary>
    public FakeTimeProvider Time =>
        _time ?? throw new InvalidOperationException("The test cluster is not deployed yet.");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = "kwaf-test-" + Guid.NewGuid().ToString("N");
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var silo = _cluster.Primary as InProcessSiloHandle
            ?? throw new InvalidOperationException("The test cluster's primary silo is not an in-process silo.");
        _time = silo.SiloHost.Services.GetRequiredService<FakeTimeProvider>();
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
