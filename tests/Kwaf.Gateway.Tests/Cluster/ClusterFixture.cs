namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>Three silos and a gateway started by scripts/cluster.sh, shared by the tests of one class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private LocalCluster? _cluster;
    private ClusterInspector? _inspector;

    internal LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    internal ClusterInspector Inspector =>
        _inspector ?? throw new InvalidOperationException("The cluster inspector did not connect.");

    public async Task InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(silos: 3);
        _inspector = await ClusterInspector.ConnectAsync(_cluster);
    }

    // xUnit calls this also when InitializeAsync failed, so it stops whatever did start.
    public async Task DisposeAsync()
    {
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
