using Kwaf.Decisions;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

/// <summary>Builders of decisions and feeds for the decision cache tests.</summary>
internal static class CacheTestData
{
    public static readonly DateTimeOffset Noon = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static Decision Make(
        string target,
        DecisionKind kind,
        DecisionOrigin origin,
        DateTimeOffset expires,
        string? id = null) =>
        new(
            id ?? Guid.NewGuid().ToString("N"),
            target,
            kind,
            origin,
            "test",
            Score: origin == DecisionOrigin.Policy ? 85 : 0,
            DecidedAt: Noon,
            Expires: expires,
            Offence: 1);

    public static Decision Policy(string target, DecisionKind kind, DateTimeOffset expires) =>
        Make(target, kind, DecisionOrigin.Policy, expires);

    public static Decision Manual(string target, DecisionKind kind, DateTimeOffset expires) =>
        Make(target, kind, DecisionOrigin.Manual, expires);

    public static DecisionFeed Snapshot(long version, params Decision[] decisions)
    {
        var changes = new List<DecisionChange>();
        foreach (var decision in decisions)
        {
            changes.Add(new DecisionChange(version, decision.Target, decision, decision.Origin));
        }

        return new DecisionFeed(version, IsSnapshot: true, changes);
    }

    public static DecisionFeed Delta(params DecisionChange[] changes) =>
        new(changes.Length == 0 ? 0 : changes[^1].Version, IsSnapshot: false, changes);

    public static DecisionChange Set(long version, Decision decision) =>
        new(version, decision.Target, decision, decision.Origin);

    public static DecisionChange Lift(long version, Decision decision) =>
        new(version, decision.Target, null, decision.Origin);
}
