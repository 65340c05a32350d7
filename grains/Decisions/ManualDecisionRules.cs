using Kwaf.Decisions;

namespace Kwaf.Grains.Decisions;

/// <summary>Validates operators' manual decision requests and turns them into decisions.</summary>
internal static class ManualDecisionRules
{
    /// <summary>Longest accepted duration: 365 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>Longest accepted reason, in characters.</summary>
    public const int MaxReasonLength = 512;

    /// <summary>Prefix of manual decision ids.</summary>
    public const string IdPrefix = "m-";

    /// <summary>
    /// Checks <paramref name="request"/> and builds its decision, made at <paramref name="now"/>. Throws an
    /// <see cref="ArgumentException"/> whose parameter name is the first invalid field of the request and whose
    /// message starts with <c>ManualDecisionRequest.FIELD</c> (the parameter name does not survive a grain call).
    /// </summary>
    public static Decision CreateDecision(ManualDecisionRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!DecisionTarget.TryNormalize(request.Target, out var target))
        {
            throw new ArgumentException(
                "ManualDecisionRequest.Target must be ip:ADDRESS, cidr:NETWORK/LENGTH (no bits past the length) " +
                "or u:USER.",
                nameof(ManualDecisionRequest.Target));
        }

        if (!Enum.IsDefined(request.Kind))
        {
            throw new ArgumentException(
                $"ManualDecisionRequest.Kind {(int)request.Kind} is unknown; expected allow, throttle or block.",
                nameof(ManualDecisionRequest.Kind));
        }

        if (request.Duration <= TimeSpan.Zero || request.Duration > MaxDuration)
        {
            throw new ArgumentException(
                "ManualDecisionRequest.Duration must be more than zero and at most 365 days.",
                nameof(ManualDecisionRequest.Duration));
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength)
        {
            throw new ArgumentException(
                "ManualDecisionRequest.Reason must be non-empty and at most 512 characters.",
                nameof(ManualDecisionRequest.Reason));
        }

        var id = IdPrefix + Guid.NewGuid().ToString("N");
        return new Decision(
            id,
            target,
            request.Kind,
            DecisionOrigin.Manual,
            request.Reason,
            Score: 0,
            DecidedAt: now,
            Expires: now + request.Duration,
            Offence: 0);
    }
}
