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
        var batch = new Batch(normalizer, time.GetUtcNow());
        if (JsonEventReader.Read(body.Span, ndjson, _maxEventsPerBatch, _maxLineBytes, batch))
        {
            counters.Limits.RequestRefused("events", BatchLimitReason);
            return null;
        }

        // Counted only now that the body is known to be taken: a body over the limit counts as one refusal.
        var errors = new List<EventError>(Math.Min(batch.Rejections.Count, MaxListedErrors));
        foreach (var rejection in batch.Rejections)
        {
            counters.Rejected(rejection.Field, rejection.Reason);
            if (errors.Count < MaxListedErrors)
            {
                errors.Add(new EventError(rejection.Position, rejection.Field, rejection.Reason));
            }
        }

        batch.CountOddities(counters);
        var accepted = batch.Accepted;
        var taken = accepted.Count == 0 ? 0 : await pipeline.TryEnqueueAsync(accepted, cancellationToken);
        counters.Accepted(taken);
        return new IngestResult(taken, batch.Rejections.Count, accepted.Count - taken, errors);
    }

    /// <summary>
    /// Validates and normalizes each item as the reader reads it, into one draft reused for the whole body, and keeps
    /// the events and rejections for the ingestor to count once the body is known to be within its limit.
    /// </summary>
    private sealed class Batch(EventNormalizer normalizer, DateTimeOffset now) : IJsonItemSink
    {
        private readonly EventDraft _draft = new();
        private int _invalidEncoding;
        private int _clockSkewClamped;
        private List<TruncatedFields>? _truncated;

        public List<HttpEvent> Accepted { get; } = [];

        public List<Rejection> Rejections { get; } = [];

        public EventDraft NextDraft()
        {
            _draft.Clear();
            return _draft;
        }

        public void Read(long position, EventDraft draft)
        {
            if (!normalizer.TryNormalize(draft, position, now, out var evt, out var rejection))
            {
                Rejections.Add(rejection);
                return;
            }

            Accepted.Add(evt);
            if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
            {
                _invalidEncoding++;
            }

            if (draft.Time > evt.Time)
            {
                _clockSkewClamped++;
            }

            if (draft.Truncated != TruncatedFields.None)
            {
                (_truncated ??= []).Add(draft.Truncated);
            }
        }

        public void Rejected(Rejection rejection) => Rejections.Add(rejection);

        public void CountOddities(IngestionCounters counters)
        {
            if (_invalidEncoding > 0)
            {
                counters.InvalidEncoding(_invalidEncoding);
            }

            if (_clockSkewClamped > 0)
            {
                counters.ClockSkewClamped(_clockSkewClamped);
            }

            foreach (var truncated in _truncated ?? [])
            {
                counters.Limits.Truncated(truncated);
            }
        }
    }
}
