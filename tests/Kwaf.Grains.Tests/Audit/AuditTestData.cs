using Kwaf.Decisions;
using Kwaf.Grains.Audit;
using Kwaf.Ratings;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Tests.Audit;

/// <summary>Records and options for the audit tests.</summary>
internal static class AuditTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static IOptions<AuditOptions> Options(int capacity = 1_000, int batchSize = 1_000) =>
        Microsoft.Extensions.Options.Options.Create(new AuditOptions
        {
            BufferCapacity = capacity,
            BatchSize = batchSize,
            RetryMinDelay = TimeSpan.FromSeconds(1),
            RetryMaxDelay = TimeSpan.FromSeconds(4),
        });

    /// <summary>A policy block of <paramref name="ip"/> decided <paramref name="secondsAfterT0"/> after T0.</summary>
    public static AuditRecord Decision(string ip, int secondsAfterT0 = 0) =>
        new(AuditRecordKind.Decision, T0.AddSeconds(secondsAfterT0), AuditTarget.Ip, ip)
        {
            DecisionId = "p-" + ip + "-" + secondsAfterT0,
            Decision = DecisionKind.Block,
            Origin = DecisionOrigin.Policy,
            Level = RiskLevel.Critical,
            Score = 85.5,
            Signals = [new AuditSignal("login-brute-force", 80), new AuditSignal("scanner-agent", 5.5)],
            Expires = T0.AddSeconds(secondsAfterT0).AddMinutes(10),
            Cause = "login-brute-force (80), scanner-agent (5.5)",
            RecordedAt = T0.AddSeconds(secondsAfterT0 + 1),
        };

    /// <summary>A manual lift of a user's decision by <paramref name="actor"/>.</summary>
    public static AuditRecord Lift(string userId, string actor, int secondsAfterT0) =>
        new(AuditRecordKind.Lift, T0.AddSeconds(secondsAfterT0), AuditTarget.User, userId)
        {
            DecisionId = "m-" + userId,
            Decision = DecisionKind.Throttle,
            Origin = DecisionOrigin.Manual,
            Expires = T0.AddHours(1),
            Cause = "abuse report 4711",
            Actor = actor,
            RecordedAt = T0.AddSeconds(secondsAfterT0),
        };
}
