using Kwaf.Events;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Mirror;

/// <summary>
/// Validates and enqueues the event of one mirrored request. The normalizer is the one of POST /events except that
/// the status is optional: a mirror copy is sent before the answer exists, so every event has status 0 (unknown),
/// which the grains count as a request but never as a failure, a 404 or an error.
/// </summary>
internal sealed class MirrorIntake
{
    private readonly EventNormalizer _normalizer;
    private readonly IngestionPipeline _pipeline;
    private readonly IngestionCounters _counters;
    private readonly TimeProvider _time;

    public MirrorIntake(
        IOptions<IngestionOptions> ingestion,
        RequestClassifier classifier,
        ClientIpResolver clientIp,
        IngestionPipeline pipeline,
        IngestionCounters counters,
        TimeProvider time)
    {
        _normalizer = new EventNormalizer(ingestion.Value, classifier, clientIp, statusOptional: true);
        _pipeline = pipeline;
        _counters = counters;
        _time = time;
    }

    /// <summary>Null when the event was taken; else the rejection (counted) or a full-buffer marker.</summary>
    public MirrorOutcome Take(EventDraft draft)
    {
        if (!_normalizer.TryNormalize(draft, 0, _time.GetUtcNow(), out var evt, out var rejection))
        {
            _counters.Rejected(rejection.Field, rejection.Reason);
            return new MirrorOutcome(false, rejection);
        }

        if (!_pipeline.TryEnqueue(evt))
        {
            return new MirrorOutcome(false, null);
        }

        if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
        {
            _counters.InvalidEncoding();
        }

        _counters.Limits.Truncated(draft.Truncated);

        _counters.Accepted(1);
        return new MirrorOutcome(true, null);
    }
}
