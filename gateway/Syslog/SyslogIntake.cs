using System.Net;
using Kwaf.Events;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Turns one syslog message into an event, the way <c>POST /events</c> turns one item: the header is read by
/// <see cref="SyslogHeaderParser"/>, the body (a JSON or combined access-log line) by <see cref="AccessLogParser"/>,
/// then the shared <see cref="EventNormalizer"/> validates it and the pipeline takes it without waiting (a full
/// buffer drops the message, counted as "buffer full"). Every outcome is counted twice: in the ingestion totals
/// (accepted, rejected by field and reason, dropped) and in the syslog block. The status is optional here, because
/// HAProxy logs -1 for a request that got no answer: such an event is kept with status 0 (unknown). Thread-safe: the
/// UDP loop and every TCP connection call it concurrently.
/// </summary>
internal sealed partial class SyslogIntake
{
    private readonly EventNormalizer _normalizer;
    private readonly IngestionPipeline _pipeline;
    private readonly IngestionCounters _counters;
    private readonly SyslogCounters _syslog;
    private readonly TimeProvider _time;
    private readonly ILogger<SyslogIntake> _logger;
    private long _messageNumber;

    public SyslogIntake(
        IOptions<IngestionOptions> ingestion,
        RequestClassifier classifier,
        ClientIpResolver clientIp,
        IngestionPipeline pipeline,
        IngestionCounters counters,
        TimeProvider time,
        ILogger<SyslogIntake> logger)
    {
        _normalizer = new EventNormalizer(ingestion.Value, classifier, clientIp, statusOptional: true);
        _pipeline = pipeline;
        _counters = counters;
        _syslog = counters.Syslog;
        _time = time;
        _logger = logger;
    }

    /// <summary>Takes one message from an allowed sender.</summary>
    /// <returns>True when the message became an event taken by the pipeline.</returns>
    public bool Take(ReadOnlySpan<byte> message, IPAddress sender)
    {
        _syslog.Received();
        var number = Interlocked.Increment(ref _messageNumber);
        if (!SyslogHeaderParser.TryReadBody(message, out var body, out _, out var headerReason))
        {
            return Reject(number, sender, "header", headerReason, countAsEvent: false);
        }

        if (!AccessLogParser.TryParse(body, AccessLogFormat.Auto, out var draft, out var lineReason))
        {
            var (field, reason) = Split(lineReason);
            return Reject(number, sender, field, reason, countAsEvent: true);
        }

        if (!_normalizer.TryNormalize(draft, number, _time.GetUtcNow(), out var evt, out var rejection))
        {
            return Reject(number, sender, rejection.Field, rejection.Reason, countAsEvent: true);
        }

        if (!_pipeline.TryEnqueue(evt))
        {
            return Reject(number, sender, "pipeline", "buffer full", countAsEvent: false);
        }

        CountOddities(draft, evt);
        _counters.Accepted(1);
        _syslog.Accepted();
        return true;
    }

    /// <summary>A message too long to read: counted, not parsed.</summary>
    public void Oversized(int maxMessageBytes, IPAddress sender)
    {
        _syslog.Oversized(maxMessageBytes);
        Log.MessageOversized(_logger, sender, maxMessageBytes);
    }

    private bool Reject(long number, IPAddress sender, string field, string reason, bool countAsEvent)
    {
        // An unreadable header is not an event at all, and a full buffer is counted as dropped by the pipeline.
        if (countAsEvent)
        {
            _counters.Rejected(field, reason);
        }

        _syslog.Rejected(field, reason);
        Log.MessageRejected(_logger, number, sender, field, reason);
        return false;
    }

    private void CountOddities(EventDraft draft, HttpEvent evt)
    {
        if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
        {
            _counters.InvalidEncoding();
        }

        if (draft.Time > evt.Time)
        {
            _counters.ClockSkewClamped();
        }

        _counters.Limits.Truncated(draft.Truncated);
    }

    /// <summary>Splits the parser's "field: reason" text.</summary>
    private static (string Field, string Reason) Split(string text)
    {
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon <= 0 ? ("line", text) : (text[..colon], text[(colon + 2)..]);
    }
}
