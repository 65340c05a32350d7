using System.Net;
using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

internal sealed partial class DecisionCache
{
    /// <summary>The policy and manual decision held for one target.</summary>
    private readonly record struct TargetDecisions(Decision? Policy, Decision? Manual)
    {
        public bool IsEmpty => Policy is null && Manual is null;

        public TargetDecisions With(DecisionOrigin origin, Decision? decision) =>
            origin == DecisionOrigin.Manual
                ? this with { Manual = decision }
                : this with { Policy = decision };
    }

    private sealed record NetworkDecisions(IPNetwork Network, TargetDecisions Decisions);

    /// <summary>One immutable state of the cache, with lookups built for the check.</summary>
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new(
            -1,
            [],
            new Dictionary<string, TargetDecisions>(StringComparer.Ordinal),
            new Dictionary<string, TargetDecisions>(StringComparer.Ordinal),
            []);

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

        /// <summary>
        /// Starts the next snapshot from this one. Only the lookups a change touches are copied, and only the targets
        /// it names are parsed: a delta no longer parses every decision the cache holds.
        /// </summary>
        public Editor Edit() => new(this);

        /// <summary>
        /// The changes that make the next snapshot. Not thread-safe; used under the cache's write lock.
        /// </summary>
        public sealed class Editor(Snapshot from)
        {
            private Dictionary<(string Target, DecisionOrigin Origin), Decision>? _slots;
            private Dictionary<string, TargetDecisions>? _byIp;
            private Dictionary<string, TargetDecisions>? _byUser;
            private Dictionary<IPNetwork, TargetDecisions>? _byNetwork;

            /// <summary>
            /// Holds <paramref name="decision"/> in the slot of a target and origin; null empties the slot.
            /// </summary>
            public void Set(string target, DecisionOrigin origin, Decision? decision)
            {
                _slots ??= new Dictionary<(string Target, DecisionOrigin Origin), Decision>(from.Slots);
                if (_slots.Remove((target, origin), out var held))
                {
                    Index(held, origin, null);
                }

                if (decision is not null)
                {
                    _slots[(target, origin)] = decision;
                    Index(decision, origin, decision);
                }
            }

            public Snapshot Build(long version) => new(
                version,
                _slots ?? from.Slots,
                _byIp ?? from.ByIp,
                _byUser ?? from.ByUser,
                _byNetwork is null
                    ? from.Networks
                    : [.. _byNetwork.Select(static n => new NetworkDecisions(n.Key, n.Value))]);

            /// <summary>
            /// Puts <paramref name="value"/> (the decision itself, or null to take it out) in the lookup entry of
            /// <paramref name="decision"/>'s target, for <paramref name="origin"/>. The board normalizes every target
            /// it publishes, so a lookup key has at most one decision per origin; a target that does not parse is kept
            /// in the slots but never matches.
            /// </summary>
            private void Index(Decision decision, DecisionOrigin origin, Decision? value)
            {
                if (!DecisionTarget.TryNormalize(decision.Target, out var target))
                {
                    return;
                }

                if (target.StartsWith(DecisionTarget.IpPrefix, StringComparison.Ordinal))
                {
                    Put(_byIp ??= new(from.ByIp, StringComparer.Ordinal), target[DecisionTarget.IpPrefix.Length..]);
                }
                else if (target.StartsWith(DecisionTarget.UserPrefix, StringComparison.Ordinal))
                {
                    Put(
                        _byUser ??= new(from.ByUser, StringComparer.Ordinal),
                        target[DecisionTarget.UserPrefix.Length..]);
                }
                else if (DecisionTarget.TryParseNetwork(target.AsSpan(DecisionTarget.CidrPrefix.Length), out var net))
                {
                    Put(_byNetwork ??= from.Networks.ToDictionary(n => n.Network, n => n.Decisions), net);
                }

                void Put<TKey>(Dictionary<TKey, TargetDecisions> lookup, TKey key)
                    where TKey : notnull
                {
                    var decisions = lookup.GetValueOrDefault(key).With(origin, value);
                    if (decisions.IsEmpty)
                    {
                        lookup.Remove(key);
                    }
                    else
                    {
                        lookup[key] = decisions;
                    }
                }
            }
        }
    }
}
