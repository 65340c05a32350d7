using Kwaf.Decisions;
using Kwaf.Index;

namespace Kwaf.Grains.Subjects;

/// <summary>What a batch of events changed that others must hear about.</summary>
/// <param name="Decisions">Decisions made during the batch, oldest first.</param>
/// <param name="IndexEntry">The latest risk index entry when the level or decision kind changed, else null.</param>
/// <param name="Skipped">Events that did not belong to the subject and were not counted.</param>
internal sealed record IngestResult(IReadOnlyList<Decision> Decisions, RiskIndexEntry? IndexEntry, int Skipped)
{
    /// <summary>The result of events that were all counted and changed nothing beyond the counters.</summary>
    public static IngestResult Quiet { get; } = new([], null, 0);
}
