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
    /// sent one call per event: the ingestion pipeline groups them by subject.
    /// </summary>
    /// <param name="events">The events, all of which belong to this subject.</param>
    /// <returns>A task that completes when the events are counted and rated.</returns>
    Task IngestAsync(IReadOnlyList<HttpEvent> events);

    /// <summary>Reads the rating as of <paramref name="asOf"/> (or the subject's newest event time if later).</summary>
    /// <param name="asOf">The instant to decay the score to; null for the subject's newest event time.</param>
    /// <returns>The rating, or null when the subject has never been seen.</returns>
    Task<SubjectRating?> GetRatingAsync(DateTimeOffset? asOf);
}
