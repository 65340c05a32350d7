using Kwaf.Decisions;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Ratings;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// Everything a subject grain persists: counters, signals, decision ledger, and what the risk index was last told.
/// Plain public properties and a parameterless constructor, so both the Orleans serializer and System.Text.Json (the
/// embedded store's format) can store it.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.SubjectState")]
internal sealed class SubjectState
{
    /// <summary>The counters.</summary>
    [Id(0)]
    public CounterState Counters { get; set; } = new();

    /// <summary>
    /// One state per detector, indexed by <see cref="SignalKind"/>; null for a detector that never fired, which is
    /// most of them for most subjects (17 empty states would be the largest part of a quiet subject's memory).
    /// </summary>
    [Id(1)]
    public List<SignalState?> Signals { get; set; } = [];

    /// <summary>The policy decisions made for the subject.</summary>
    [Id(2)]
    public DecisionLedger Decisions { get; set; } = new();

    /// <summary>The level last sent to the risk index.</summary>
    [Id(3)]
    public RiskLevel IndexedLevel { get; set; }

    /// <summary>The decision kind last sent to the risk index.</summary>
    [Id(4)]
    public DecisionKind IndexedDecision { get; set; }

    /// <summary>
    /// The sequence number of the latest decision the decision board confirmed. Below
    /// <see cref="DecisionLedger.Sequence"/> means the latest decision still has to be published.
    /// </summary>
    [Id(5)]
    public int PublishedSequence { get; set; }

    /// <summary>The highest score reached so far, with its time and signals; null while the score has been 0.</summary>
    [Id(6)]
    public RatingPeak? Peak { get; set; }
}
