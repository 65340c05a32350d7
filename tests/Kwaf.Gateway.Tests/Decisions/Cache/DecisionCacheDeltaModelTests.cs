using CsCheck;
using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using static Kwaf.Gateway.Tests.Decisions.Cache.CacheTestData;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

/// <summary>
/// A delta updates the cache's lookups in place of rebuilding them, so after any run of deltas the cache must answer
/// every check as a cache given the same decisions in one snapshot does: the model is the decisions held per slot,
/// and the snapshot built from it is the reference.
/// </summary>
public sealed class DecisionCacheDeltaModelTests
{
    private static readonly string[] Ips = ["192.0.2.1", "192.0.2.77", "2001:db8::1"];
    private static readonly string[] Users = ["alice", "bob"];
    private static readonly string[] Targets =
        ["ip:192.0.2.1", "ip:192.0.2.77", "ip:2001:db8::1", "cidr:192.0.2.0/24", "cidr:2001:db8::/64", "u:alice"];

    private static readonly Gen<DecisionChange?> Step =
        Gen.Select(
            Gen.Int[0, Targets.Length - 1],
            Gen.Bool,
            Gen.Int[0, 3],
            Gen.Int[-5, 30],
            (target, manual, kind, minutes) =>
            {
                var origin = manual ? DecisionOrigin.Manual : DecisionOrigin.Policy;

                // Kind 3 lifts the slot; the others set it, some already expired at noon.
                return kind == 3
                    ? new DecisionChange(0, Targets[target], null, origin)
                    : (DecisionChange?)new DecisionChange(
                        0,
                        Targets[target],
                        Make(Targets[target], (DecisionKind)kind, origin, Noon.AddMinutes(minutes)),
                        origin);
            });

    [Fact]
    public void Apply_AnyRunOfDeltas_ChecksAnswerAsASnapshotOfTheSameDecisions()
    {
        Gen.Select(Step.Array[1, 8].Array[1, 6], Gen.Int[0, 2]).Sample((deltas, shadowEvery) =>
        {
            var cache = new DecisionCache();
            cache.Apply(new DecisionFeed(0, IsSnapshot: true, []));
            var held = new Dictionary<(string, DecisionOrigin), Decision>();
            var version = 0L;
            foreach (var delta in deltas)
            {
                var changes = new List<DecisionChange>();
                foreach (var step in delta)
                {
                    var change = step!.Decision is { } decision && shadowEvery > 0 && version % (shadowEvery + 1) == 0
                        ? step with { Decision = decision with { Shadow = decision.Origin == DecisionOrigin.Policy } }
                        : step;
                    changes.Add(change with { Version = ++version });
                    if (change.Decision is null)
                    {
                        held.Remove((change.Target, change.Origin));
                    }
                    else
                    {
                        held[(change.Target, change.Origin)] = change.Decision;
                    }
                }

                cache.Apply(new DecisionFeed(version, IsSnapshot: false, changes));
            }

            var reference = new DecisionCache();
            reference.Apply(new DecisionFeed(
                version,
                IsSnapshot: true,
                [.. held.Select(h => new DecisionChange(version, h.Key.Item1, h.Value, h.Key.Item2))]));
            Assert.Equal(version, cache.Version);
            Assert.Equal(
                reference.Active(Noon).OrderBy(d => d.Id, StringComparer.Ordinal),
                cache.Active(Noon).OrderBy(d => d.Id, StringComparer.Ordinal));
            foreach (var ip in Ips.Append(null))
            {
                foreach (var user in Users.Append(null))
                {
                    Assert.Equal(reference.Check(ip, user, Noon), cache.Check(ip, user, Noon));
                }
            }
        });
    }
}
