using Kwaf.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

/// <summary>Builders of decisions and requests for the board tests; every target and id is unique per call.</summary>
internal static class BoardTestData
{
    private static int s_nextAddress;

    public static string NewIpTarget()
    {
        var n = Interlocked.Increment(ref s_nextAddress);
        return $"ip:198.51.{(n / 250) % 250}.{(n % 250) + 1}";
    }

    public static Decision Policy(
        string target,
        DateTimeOffset decidedAt,
        TimeSpan duration,
        DecisionKind kind = DecisionKind.Block,
        string? id = null) =>
        new(
            id ?? "p-" + Guid.NewGuid().ToString("N"),
            target,
            kind,
            DecisionOrigin.Policy,
            "failed logins",
            Score: 85,
            DecidedAt: decidedAt,
            Expires: decidedAt + duration,
            Offence: 1);

    public static ManualDecisionRequest Manual(
        string target,
        TimeSpan duration,
        DecisionKind kind = DecisionKind.Block) =>
        new(target, kind, duration, "operator ban", "ops-key");
}
