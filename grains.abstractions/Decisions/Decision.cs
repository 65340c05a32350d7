namespace Kwaf.Decisions;

/// <summary>
/// A decision in force (or once in force) for one target. The expiry is an absolute instant fixed when the decision
/// is made; a subject that keeps knocking does not move it.
/// </summary>
/// <param name="Id">Stable id, used by <c>DELETE /decisions/{id}</c>.</param>
/// <param name="Target">What it applies to: <c>ip:ADDR</c>, <c>cidr:ADDR/LEN</c> or <c>u:USER</c>.</param>
/// <param name="Kind">Throttle or block (allow for a manual allow that overrides the policy).</param>
/// <param name="Origin">Policy or manual.</param>
/// <param name="Reason">Why: the signals that fired, or the operator's reason.</param>
/// <param name="Score">The score when decided (0 for manual decisions).</param>
/// <param name="DecidedAt">When it was made (event time for policy decisions).</param>
/// <param name="Expires">When it stops applying.</param>
/// <param name="Offence">For policy decisions, which repeat offence this is (1 for the first).</param>
/// <param name="Shadow">
/// True for a policy decision made in shadow mode: recorded and shown, never enforced. False for every manual
/// decision and for decisions stored before shadow mode existed.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.Decision")]
public sealed record Decision(
    [property: Id(0)] string Id,
    [property: Id(1)] string Target,
    [property: Id(2)] DecisionKind Kind,
    [property: Id(3)] DecisionOrigin Origin,
    [property: Id(4)] string Reason,
    [property: Id(5)] double Score,
    [property: Id(6)] DateTimeOffset DecidedAt,
    [property: Id(7)] DateTimeOffset Expires,
    [property: Id(8)] int Offence,
    [property: Id(9)] bool Shadow = false)
{
    /// <summary>Whether the decision applies at <paramref name="now"/>.</summary>
    /// <param name="now">The instant to test.</param>
    /// <returns>True when <paramref name="now"/> is before the expiry.</returns>
    public bool IsActiveAt(DateTimeOffset now) => now < Expires;

    /// <summary>Whether the decision is enforced at <paramref name="now"/>: active and not a shadow decision.</summary>
    /// <param name="now">The instant to test.</param>
    /// <returns>True when proxies must apply it at <paramref name="now"/>.</returns>
    public bool IsEnforcedAt(DateTimeOffset now) => !Shadow && now < Expires;
}
