using BenchmarkDotNet.Attributes;
using Kwaf.Decisions;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;

namespace Kwaf.Bench.Micro;

/// <summary>
/// The check lookup behind <c>GET /decisions/check</c>: allowlist, then the decision cache, with 1,000 blocked IPs
/// and 100 blocked users in force (1% of a 100k population), for a blocked IP, an unknown IP and a user.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private readonly DecisionCache _cache = new();
    private readonly Allowlist _allowlist = new(["10.0.0.0/8"]);
    private readonly DateTimeOffset _now = SampleEvents.Start.AddMinutes(1);

    [GlobalSetup]
    public void Setup()
    {
        var changes = new List<DecisionChange>();
        for (var i = 0; i < 1000; i++)
        {
            changes.Add(Block("ip:" + SampleEvents.Ip(i * 100), changes.Count + 1));
        }

        for (var i = 0; i < 100; i++)
        {
            changes.Add(Block("u:user" + i, changes.Count + 1));
        }

        _cache.Apply(new DecisionFeed(changes.Count, IsSnapshot: true, changes));
    }

    [Benchmark]
    public int CheckBlockedIp() => (int)ClientCheck.Decide(_cache, _allowlist, SampleEvents.Ip(500), null, _now).Kind;

    [Benchmark]
    public int CheckUnknownIp() => (int)ClientCheck.Decide(_cache, _allowlist, "203.0.113.9", null, _now).Kind;

    [Benchmark]
    public int CheckIpAndUser() =>
        (int)ClientCheck.Decide(_cache, _allowlist, "203.0.113.9", "user42", _now).Kind;

    private DecisionChange Block(string target, long version)
    {
        var decision = new Decision(
            "d" + version,
            target,
            DecisionKind.Block,
            DecisionOrigin.Policy,
            "benchmark",
            85,
            _now.AddMinutes(-1),
            _now.AddMinutes(10),
            1);
        return new DecisionChange(version, target, decision, DecisionOrigin.Policy);
    }
}
