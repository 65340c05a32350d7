using Kwaf.Events;
using Kwaf.Ratings;

namespace Kwaf.Subjects;

/// <summary>
/// A rated subject. Holds sliding-window counters, per-endpoint totals and the rating in memory, and persists them at
/// defined points. Key format: see <see cref="SubjectKey"/>.
/// </summary>
[Alias("kwaf.ISubjectGrain")]
public interface ISubjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a batch of this subject's events, in the order given, and re-rates after each event. Events are never
    /// sent one call per event: the ingestion pipeline groups them by subject. The call may wait up to two minutes:
    /// a subject's first activation reads the store, and while the store is locked or slow (CASES C-16) its events
    /// wait in the pipeline's bounded buffer rather than fail after the default 30 s.
    /// </summary>
    /// <param name="events">The events, all of which belong to this subject.</param>
    /// <returns>A task that completes when the events are counted and rated.</returns>
    [ResponseTimeout("00:02:00")]
    Task IngestAsync(IReadOnlyList<HttpEvent> events);

    /// <summary>
    /// Like <see cref="IngestAsync"/>, but says whether the subject took the events. A subject that is not active
    /// while its silo holds <c>Kwaf:Grains:MaxActiveSubjects</c> active subjects counts nothing and answers
    /// <see cref="IngestOutcome.AtCapacity"/>, so that a flood of unique keys cannot grow memory without bound.
    /// </summary>
    /// <param name="events">The events, all of which belong to this subject.</param>
    /// <returns>Whether the events were counted here.</returns>
    [ResponseTimeout("00:02:00")]
    Task<IngestOutcome> TryIngestAsync(IReadOnlyList<HttpEvent> events);

    /// <summary>Reads the rating as of <paramref name="asOf"/> (or the subject's newest event time if later).</summary>
    /// <param name="asOf">The instant to decay the score to; null for the subject's newest event time.</param>
    /// <returns>The rating, or null when the subject has never been seen.</returns>
    Task<SubjectRating?> GetRatingAsync(DateTimeOffset? asOf);
}
