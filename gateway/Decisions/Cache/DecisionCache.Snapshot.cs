using System.Net;
using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

internal sealed partial class DecisionCache
{
    /// <summary>The policy and manual decision held for one target.</summary>
    private readonly record struct TargetDecisions(Decision? Policy, Decision? Manual)
    {
        public TargetDecisions With(Decision decision) =>
            decision.Origin == DecisionOrigin.Manual
                ? this with { Manual = decision }
                : this with { Policy = decision };
    }

    private sealed record NetworkDecisions(IPNetwork Network, TargetDecisions Decisions);

    /// <summary>One immutable state of the cache, with lookups built for the check.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = Create(-1, []);

        private Snapshot(
            long version,
            Dictionary<(string Target, DecisionOrigin Origin), Decision> slots,
            Dictionary<string, TargetDecisions> byIp,
            Dictionary<string, TargetDecisions> byUser,
            NetworkDecisions[] networks)
        {
            Version = version;
            Slots = slots;
            ByIp = byIp;
            ByUser = byUser;
            Networks = networks;
        }

        public long Version { get; }

        /// <summary>Every decision held, by board target and origin, as the board's changes name them.</summary>
        public Dictionary<(string Target, DecisionOrigin Origin), Decision> Slots { get; }

        public Dictionary<string, TargetDecisions> ByIp { get; }

        public Dictionary<string, TargetDecisions> ByUser { get; }

        public NetworkDecisions[] Networks { get; }

        public bool IsEmpty => Slots.Count == 0;

        /// <summary>Builds the lookups; targets that do not parse are kept in the slots but never match.</summary>
        public static Snapshot Create(long version, Dictionary<(string Target, DecisionOrigin Origin), Decision> slots)
        {
            var byIp = new Dictionary<string, TargetDecisions>(StringComparer.Ordinal);
            var byUser = new Dictionary<string, TargetDecisions>(StringComparer.Ordinal);
            var byNetwork = new Dictionary<IPNetwork, TargetDecisions>();
            foreach (var decision in slots.Values)
            {
                if (!DecisionTarget.TryNormalize(decision.Target, out var target))
                {
                    continue;
                }

                if (target.StartsWith(DecisionTarget.IpPrefix, StringComparison.Ordinal))
                {
                    Add(byIp, target[DecisionTarget.IpPrefix.Length..], decision);
                }
                else if (target.StartsWith(DecisionTarget.UserPrefix, StringComparison.Ordinal))
                {
                    Add(byUser, target[DecisionTarget.UserPrefix.Length..], decision);
                }
                else if (DecisionTarget.TryParseNetwork(target.AsSpan(DecisionTarget.CidrPrefix.Length), out var net))
                {
                    Add(byNetwork, net, decision);
                }
            }

            var networks = new NetworkDecisions[byNetwork.Count];
            var i = 0;
            foreach (var (network, decisions) in byNetwork)
            {
                networks[i++] = new NetworkDecisions(network, decisions);
            }

            return new Snapshot(version, slots, byIp, byUser, networks);
        }

        private static void Add<TKey>(Dictionary<TKey, TargetDecisions> lookup, TKey key, Decision decision)
            where TKey : notnull =>
            lookup[key] = lookup.GetValueOrDefault(key).With(decision);
    }
}
