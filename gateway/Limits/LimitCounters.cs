using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kwaf.Gateway.Ingestion;

namespace Kwaf.Gateway.Limits;

/// <summary>
/// Counts what the input limits refused or cut: whole requests refused (a body or a batch too large, a request line
/// or headers too large for the HTTP server) by reason, and event fields cut to their length limit by field. Events
/// rejected one by one (a line too long, a user id too long) are counted with the other rejections. Totals use
/// Interlocked; the reason map is bounded like the ingestion reasons.
/// </summary>
internal sealed class LimitCounters
{
    /// <summary>Most distinct refusal reasons counted apart; later ones share "other".</summary>
    public const int MaxReasons = 50;

    private static readonly TruncatedFields[] Fields =
    [
        TruncatedFields.Path, TruncatedFields.Host, TruncatedFields.UserAgent, TruncatedFields.Referer,
        TruncatedFields.ForwardedFor,
    ];

    private readonly Counter<long> _refused;
    private readonly Counter<long> _truncated;
    private readonly ConcurrentDictionary<string, long> _refusedByReason = new(StringComparer.Ordinal);
    private readonly long[] _truncatedByField = new long[Fields.Length];
    private long _refusedTotal;
    private long _truncatedEventsTotal;

    public LimitCounters(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _refused = meter.CreateCounter<long>("kwaf.limits.requests.refused", "{request}");
        _truncated = meter.CreateCounter<long>("kwaf.limits.fields.truncated", "{field}");
    }

    /// <summary>A whole request was refused for a limit; <paramref name="field"/> names what was too large.</summary>
    public void RequestRefused(string field, string reason)
    {
        Interlocked.Increment(ref _refusedTotal);
        var key = field + ": " + reason;
        key = _refusedByReason.ContainsKey(key) || _refusedByReason.Count < MaxReasons ? key : "other";
        _refusedByReason.AddOrUpdate(key, 1, static (_, n) => n + 1);
        if (_refused.Enabled)
        {
            _refused.Add(1, new KeyValuePair<string, object?>("field", field));
        }
    }

    /// <summary>
    /// An accepted event had the given fields cut; nothing is counted for <see cref="TruncatedFields.None"/>.
    /// </summary>
    public void Truncated(TruncatedFields fields)
    {
        if (fields == TruncatedFields.None)
        {
            return;
        }

        Interlocked.Increment(ref _truncatedEventsTotal);
        for (var i = 0; i < Fields.Length; i++)
        {
            if ((fields & Fields[i]) == 0)
            {
                continue;
            }

            Interlocked.Increment(ref _truncatedByField[i]);
            if (_truncated.Enabled)
            {
                _truncated.Add(1, new KeyValuePair<string, object?>("field", FieldName(Fields[i])));
            }
        }
    }

    public LimitStats Snapshot()
    {
        var byField = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Length; i++)
        {
            byField[FieldName(Fields[i])] = Interlocked.Read(ref _truncatedByField[i]);
        }

        return new LimitStats(
            Interlocked.Read(ref _refusedTotal),
            new SortedDictionary<string, long>(_refusedByReason, StringComparer.Ordinal),
            Interlocked.Read(ref _truncatedEventsTotal),
            byField);
    }

    /// <summary>The field's name as events spell it.</summary>
    public static string FieldName(TruncatedFields field) => field switch
    {
        TruncatedFields.Path => "path",
        TruncatedFields.Host => "host",
        TruncatedFields.UserAgent => "userAgent",
        TruncatedFields.Referer => "referer",
        TruncatedFields.ForwardedFor => "forwardedFor",
        _ => field.ToString(),
    };
}
