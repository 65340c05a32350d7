using Kwaf.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Json;
using Kwaf.Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Events;

/// <summary>
/// Turns a request body into accepted events and per-item errors: reads it, validates and normalizes every item,
/// counts each rejection with its reason, and hands the good events to the pipeline. A body with more events than
/// <see cref="EventsOptions.MaxEventsPerBatch"/> is refused whole (counted in the limits block).
/// </summary>
internal sealed class EventIngestor(
    EventNormalizer normalizer,
    IngestionPipeline pipeline,
    IngestionCounters counters,
    IOptions<EventsOptions> options,
    TimeProvider time)
{
    /// <summary>At most this many errors are listed in one answer; all of them are counted.</summary>
    private const int MaxListedErrors = 100;

    private readonly int _maxEventsPerBatch = options.Value.MaxEventsPerBatch;
    private readonly int _maxLineBytes = options.Value.MaxLineBytes;

    /// <summary>The reason a batch over <see cref="EventsOptions.MaxEventsPerBatch"/> is refused.</summary>
    public string BatchLimitReason => $"more than {_maxEventsPerBatch} events in one request";

    /// <returns>The outcome, or null when the body held too many events and none was taken.</returns>
    public async ValueTask<IngestResult?> IngestJsonAsync(
        ReadOnlyMemory<byte> body,
        bool ndjson,
        CancellationToken cancellationToken)
    {
        var read = JsonEventReader.Read(body.Span, ndjson, _maxEventsPerBatch, _maxLineBytes);
        if (read.OverItemLimit)
        {
            counters.Limits.RequestRefused("events", BatchLimitReason);
            return null;
        }

        var now = time.GetUtcNow();
        var accepted = new List<HttpEvent>(read.Items.Count);
        var errors = new List<EventError>();
        var rejected = 0;
        foreach (var item in read.Items)
        {
            var rejection = item.Rejection;
            if (item.Draft is not null
                && normalizer.TryNormalize(item.Draft, item.Position, now, out var evt, out rejection))
            {
                accepted.Add(evt);
                CountOddities(item.Draft, evt);
                continue;
            }

            rejected++;
            counters.Rejected(rejection!.Field, rejection.Reason);
            if (errors.Count < MaxListedErrors)
            {
                errors.Add(new EventError(rejection.Position, rejection.Field, rejection.Reason));
            }
        }

        var taken = accepted.Count == 0 ? 0 : await pipeline.TryEnqueueAsync(accepted, cancellationToken);
        counters.Accepted(taken);
        return new IngestResult(taken, rejected, accepted.Count - taken, errors);
    }

    private void CountOddities(EventDraft draft, HttpEvent evt)
    {
        if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
        {
            counters.InvalidEncoding();
        }

        if (draft.Time > evt.Time)
        {
            counters.ClockSkewClamped();
        }

        counters.Limits.Truncated(draft.Truncated);
    }
}
