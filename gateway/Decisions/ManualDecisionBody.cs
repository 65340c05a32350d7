namespace Kwaf.Gateway.Decisions;

/// <summary>
/// The body of POST /decisions: exactly one of <see cref="Ip"/>, <see cref="Cidr"/> and <see cref="UserId"/>; the
/// kind (block, throttle or allow); a duration in seconds; a reason; and <see cref="Force"/> to confirm a block or
/// throttle that is refused without it: of a very wide network, a trusted proxy or one of kwaf's own addresses.
/// </summary>
internal sealed record ManualDecisionBody(
    string? Ip,
    string? Cidr,
    string? UserId,
    string? Kind,
    long? DurationSeconds,
    string? Reason,
    bool Force = false);
