namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// Two silos and a gateway from scripts/cluster.sh with the test policy of CASES C-12 and C-15, shared by the tests
/// of one class: 10 failed logins within 60 s score 80 points and block, the first block lasts 1 h, and subject
/// grains write counters every 30 s, so that only the write made with a decision can save state stopped within
/// that time.
/// </summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string> TestPolicy = new()
    {
        ["Kwaf__Policy__Detectors__LoginBruteForce__Threshold"] = "10",
        ["Kwaf__Policy__Detectors__LoginBruteForce__Window"] = "00:01:00",
        ["Kwaf__Policy__Detectors__LoginBruteForce__Points"] = "80",
        ["Kwaf__Policy__BlockDurations__0"] = "01:00:00",
        ["Kwaf__Persistence__WriteInterval"] = "00:00:30",
    };

    private LocalCluster? _cluster;
    private ClusterInspector? _inspector;

    internal LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster did not start.");

    /// <summary>The Orleans client that finds grains, connected on first use: tests that restart every silo
    /// need none.</summary>
    internal async Task<ClusterInspector> InspectorAsync() =>
        _inspector ??= await ClusterInspector.ConnectAsync(Cluster);

    public async Task InitializeAsync()
    {
        _cluster = await LocalCluster.StartAsync(silos: 2, TestPolicy);
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
