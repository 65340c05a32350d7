using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Grains.Policy;

/// <summary>
/// Turns a level into a policy decision: throttle at high, block at critical, never for an allowlisted subject.
/// </summary>
/// <remarks>
/// A decision's expiry is fixed when it is made (deciding event time plus the step's length) and never moves while
/// the subject keeps knocking. A new decision is made only when none is in force or the level calls for a stricter
/// kind: a block supersedes a throttle, a throttle never replaces a block. Blocks and throttles escalate on separate
/// step lists, and both counts restart when the latest decision expired more than the offence memory ago. Ids are
/// <c>{target}#{n}</c>, where n counts the subject's policy decisions from 1, so they are deterministic and unique
/// per subject for as long as its state lives. In shadow mode (<see cref="PolicyOptions.Shadow"/>) decisions are
/// made, counted as offences and expire the same way, carrying <see cref="Decision.Shadow"/>; outside it a shadow
/// decision in force does not count as in force, so an enforced decision replaces it at once after the switch.
/// Immutable after construction; safe to share.
/// </remarks>
internal sealed class DecisionPolicy
{
    private readonly PolicyOptions _options;
    private readonly IReadOnlyList<TimeSpan> _throttleSteps;
    private readonly IReadOnlyList<TimeSpan> _blockSteps;

    public DecisionPolicy(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _throttleSteps = options.EffectiveThrottleDurations;
        _blockSteps = options.EffectiveBlockDurations;
    }

    /// <summary>
    /// Whether <see cref="Decide"/> would make a decision now: callers ask first so that the reason, which takes a
    /// sorted report of the signals, is built only for the events that decide, not for every event of a subject
    /// already blocked.
    /// </summary>
    /// <param name="ledger">The subject's ledger.</param>
    /// <param name="level">The level now.</param>
    /// <param name="now">Event time of the event.</param>
    /// <param name="allowlisted">Whether the subject is allowlisted.</param>
    /// <returns>True when a new decision is due.</returns>
    public bool WouldDecide(DecisionLedger ledger, RiskLevel level, DateTimeOffset now, bool allowlisted) =>
        !allowlisted && KindFor(level) is var wanted && wanted != DecisionKind.Allow
        && !Covers(ledger.ActiveAt(now), wanted);

    /// <summary>Decides at <paramref name="now"/>; records and returns a new decision, or returns null.</summary>
    /// <param name="ledger">The subject's ledger, updated when a decision is made.</param>
    /// <param name="target">The target string (<c>ip:ADDR</c> or <c>u:USER</c>).</param>
    /// <param name="score">The score now.</param>
    /// <param name="level">The level now.</param>
    /// <param name="reason">Why, for the decision's reason.</param>
    /// <param name="now">Event time of the deciding event.</param>
    /// <param name="allowlisted">Whether the subject is allowlisted.</param>
    /// <returns>The new decision, or null when none is needed.</returns>
    public Decision? Decide(
        DecisionLedger ledger,
        string target,
        double score,
        RiskLevel level,
        string reason,
        DateTimeOffset now,
        bool allowlisted)
    {
        if (!WouldDecide(ledger, level, now, allowlisted))
        {
            return null;
        }

        var wanted = KindFor(level);
        if (ledger.LastDecision is { } last && now - last.Expires > _options.OffenceMemory)
        {
            ledger.BlockOffences = 0;
            ledger.ThrottleOffences = 0;
        }

        var offence = wanted == DecisionKind.Block ? ++ledger.BlockOffences : ++ledger.ThrottleOffences;
        var steps = wanted == DecisionKind.Block ? _blockSteps : _throttleSteps;
        var length = steps[Math.Min(offence, steps.Count) - 1];
        ledger.Sequence++;
        var decision = new Decision(
            $"{target}#{ledger.Sequence}",
            target,
            wanted,
            DecisionOrigin.Policy,
            reason,
            Math.Round(score, 2),
            now,
            now + length,
            offence,
            _options.Shadow);
        ledger.LastDecision = decision;
        return decision;
    }

    private static DecisionKind KindFor(RiskLevel level) => level switch
    {
        RiskLevel.Critical => DecisionKind.Block,
        RiskLevel.High => DecisionKind.Throttle,
        _ => DecisionKind.Allow,
    };

    /// <summary>Whether <paramref name="active"/> already stands for <paramref name="wanted"/> in this mode.</summary>
    private bool Covers(Decision? active, DecisionKind wanted) =>
        active is not null && active.Kind >= wanted && (_options.Shadow || !active.Shadow);
}
