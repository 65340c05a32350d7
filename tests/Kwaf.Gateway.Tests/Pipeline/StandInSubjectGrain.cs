using Kwaf.Events;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>A subject grain whose ingestion the test supplies, for tests of the pipeline around the grains.</summary>
internal sealed class StandInSubjectGrain(Func<IReadOnlyList<HttpEvent>, Task<IngestOutcome>> ingest) : ISubjectGrain
{
    public Task IngestAsync(IReadOnlyList<HttpEvent> events) => ingest(events);

    public Task<IngestOutcome> TryIngestAsync(IReadOnlyList<HttpEvent> events) => ingest(events);

    public Task<SubjectRating?> GetRatingAsync(DateTimeOffset? asOf) =>
        throw new NotSupportedException("The pipeline reads no ratings.");
}
