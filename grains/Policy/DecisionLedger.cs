using Kwaf.Decisions;

namespace Kwaf.Grains.Policy;

/// <summary>A subject's policy decision history: the latest decision and the counts that drive escalation.</summary>
[GenerateSerializer]
[Alias("kwaf.DecisionLedger")]
internal sealed class DecisionLedger
{
    /// <summary>The latest policy decision, in force or expired, or null.</summary>
    [Id(0)]
    public Decision? LastDecision { get; set; }

    /// <summary>Policy decisions ever made for the subject; the number of the latest is its id suffix.</summary>
    [Id(1)]
    public int Sequence { get; set; }

    /// <summary>Blocks in the current run of offences (see <see cref="PolicyOptions.OffenceMemory"/>).</summary>
    [Id(2)]
    public int BlockOffences { get; set; }

    /// <summary>Throttles in the current run of offences (reset like <see cref="BlockOffences"/>).</summary>
    [Id(3)]
    public int ThrottleOffences { get; set; }

    /// <summary>The decision in force at <paramref name="now"/>, or null.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>The decision.</returns>
    public Decision? ActiveAt(DateTimeOffset now) => LastDecision is { } last && last.IsActiveAt(now) ? last : null;
}
