using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>
/// Reads one JSON object into an <see cref="EventDraft"/>. For string fields <c>null</c>, <c>""</c> and <c>"-"</c>
/// all mean absent (C-06), and so do <c>"-"</c>, <c>""</c> and <c>-1</c> (as a number or as text) for status, bytes
/// and durations: HAProxy writes -1 for a status, size or timer it does not know. Numbers may be written as text.
/// Invalid UTF-8 inside strings never throws (C-05): in <c>path</c> and <c>request</c> the bad bytes become
/// <c>%XX</c> escapes, elsewhere U+FFFD; either way InvalidEncoding is set. A value of the wrong type is a field
/// error (the item is rejected naming the field, in its camelCase name); an unparsable or zone-less time sets
/// <see cref="EventDraft.TimeError"/> and a non-numeric status sets <see cref="EventDraft.StatusError"/>, which the
/// normalizer rejects naming the field. Unknown properties and property names written with JSON escapes are ignored.
/// </summary>
internal static class JsonEventObject
{
    /// <summary>HAProxy's "unknown" for a status, byte count or timer.</summary>
    private const double UnknownNumber = -1;

    // Longer than any RFC 3339 or common log stamp with seven fraction digits and an offset.
    private const int MaxPlainTimeLength = 64;

    private enum NumberKind
    {
        Absent,
        Value,
        Invalid,
    }

    /// <summary>Reads from StartObject to its EndObject. Syntax errors throw <see cref="JsonException"/>.</summary>
    /// <returns>Null, or the first field whose value had the wrong type, with the reason.</returns>
    public static (string Field, string Reason)? Read(ref Utf8JsonReader reader, EventDraft draft)
    {
        (string, string)? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? EventField.Unknown : EventFieldNames.Lookup(reader.ValueSpan);
            reader.Read();
            var reason = field == EventField.Unknown ? null : ReadField(ref reader, field, draft);
            if (reason is not null)
            {
                error ??= (CamelCaseName(field), reason);
            }

            reader.Skip();
        }

        return error;
    }

    private static string? ReadField(ref Utf8JsonReader reader, EventField field, EventDraft draft) => field switch
    {
        EventField.Time or EventField.TimeLocal => ReadTime(ref reader, field == EventField.TimeLocal, draft),
        EventField.Status => ReadStatus(ref reader, draft),
        EventField.Bytes => ReadBytes(ref reader, draft),
        EventField.DurationMs => ReadDuration(ref reader, 1, draft),
        EventField.DurationSeconds => ReadDuration(ref reader, 1000, draft),
        _ => ReadStringField(ref reader, field, draft),
    };

    private static string? ReadTime(ref Utf8JsonReader reader, bool commonLogFormat, EventDraft draft)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var ok = reader.TryGetDouble(out var seconds)
                & LogTime.TryFromUnixSeconds(seconds, out var unix, out var e);
            return SetTime(draft, ok, unix, e ?? "time is not a number");
        }

        Span<char> buffer = stackalloc char[MaxPlainTimeLength];
        scoped ReadOnlySpan<char> text = default;
        if (reader.TokenType == JsonTokenType.String)
        {
            text = TryWidenPlain(reader, buffer, out var written)
                ? buffer[..written]
                : JsonStrings.Read(ref reader, InvalidBytePolicy.Replace, out _);
        }

        if (text.IsEmpty || text is "-")
        {
            draft.TimeError = reader.TokenType is JsonTokenType.Null or JsonTokenType.String
                ? null
                : "time must be RFC 3339 text or unix seconds";
            return null;
        }

        if (commonLogFormat)
        {
            var ok = LogTime.TryParseCommonLog(text, out var local);
            return SetTime(draft, ok, local, "time_local is not dd/MMM/yyyy:HH:mm:ss +hhmm");
        }

        var parsed = LogTime.TryParseText(text, out var time, out var error);
        return SetTime(draft, parsed, time, error);
    }

    /// <summary>
    /// Widens a plain ASCII value, as every proxy writes a time, on the stack without a string. False for anything
    /// else (escapes, other characters, an overlong value), which is then decoded as any string field is.
    /// </summary>
    private static bool TryWidenPlain(in Utf8JsonReader reader, Span<char> buffer, out int written)
    {
        written = 0;
        return !reader.ValueIsEscaped
            && !reader.HasValueSequence
            && reader.ValueSpan.Length <= buffer.Length
            && Ascii.ToUtf16(reader.ValueSpan, buffer, out written) == OperationStatus.Done;
    }

    // A time problem is not a field error: it goes to TimeError so that the normalizer rejects naming time.
    private static string? SetTime(EventDraft draft, bool ok, DateTimeOffset time, string? error)
    {
        draft.Time = ok ? time : null;
        draft.TimeError = ok ? null : error ?? "time is not valid";
        return null;
    }

    private static string? ReadStatus(ref Utf8JsonReader reader, EventDraft draft)
    {
        var kind = ReadNumber(ref reader, out var value);
        if (kind == NumberKind.Value && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue)
        {
            draft.Status = (int)value;
        }
        else if (kind != NumberKind.Absent)
        {
            draft.StatusError = "status is not an integer";
        }

        return null;
    }

    private static string? ReadBytes(ref Utf8JsonReader reader, EventDraft draft)
    {
        var kind = ReadNumber(ref reader, out var value);
        if (kind == NumberKind.Absent)
        {
            return null;
        }

        if (kind == NumberKind.Invalid || value < 0 || value != Math.Floor(value) || value >= long.MaxValue)
        {
            return "bytes must be a non-negative integer, \"-\" or absent";
        }

        draft.Bytes = (long)value;
        return null;
    }

    private static string? ReadDuration(ref Utf8JsonReader reader, double toMilliseconds, EventDraft draft)
    {
        var kind = ReadNumber(ref reader, out var value);
        if (kind == NumberKind.Absent)
        {
            return null;
        }

        if (kind == NumberKind.Invalid || value < 0 || !double.IsFinite(value))
        {
            return "duration must be a non-negative number";
        }

        draft.DurationMs = value * toMilliseconds;
        return null;
    }

    private static NumberKind ReadNumber(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return NumberKind.Absent;
            case JsonTokenType.Number when reader.TryGetDouble(out value):
                return value == UnknownNumber ? NumberKind.Absent : NumberKind.Value;
            case JsonTokenType.Number:
                return NumberKind.Invalid;
            case JsonTokenType.String:
                var text = NullIfPlaceholder(JsonStrings.Read(ref reader, InvalidBytePolicy.Replace, out _));
                if (text is null)
                {
                    return NumberKind.Absent;
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    return NumberKind.Invalid;
                }

                return value == UnknownNumber ? NumberKind.Absent : NumberKind.Value;
            default:
                return NumberKind.Invalid;
        }
    }

    private static string? ReadStringField(ref Utf8JsonReader reader, EventField field, EventDraft draft)
    {
        string? text;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var policy = field is EventField.Path or EventField.Request
                    ? InvalidBytePolicy.PercentEscape
                    : InvalidBytePolicy.Replace;
                text = NullIfPlaceholder(JsonStrings.Read(ref reader, policy, IsPooled(field), out var invalid));
                draft.InvalidEncoding |= invalid;
                break;
            case JsonTokenType.Number when field == EventField.UserId:
                text = Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            default:
                return "expected a string";
        }

        Assign(field, text, draft);
        return null;
    }

    // The fields whose values repeat across events; the forwarding headers vary with the proxy chain and are not kept.
    private static bool IsPooled(EventField field) => field is EventField.Ip or EventField.UserId or EventField.Method
        or EventField.Host or EventField.Path or EventField.UserAgent or EventField.Referer or EventField.Request;

    private static void Assign(EventField field, string? text, EventDraft draft)
    {
        switch (field)
        {
            case EventField.Ip: draft.Ip = text; break;
            case EventField.UserId: draft.UserId = text; break;
            case EventField.Method: draft.Method = text; break;
            case EventField.Host: draft.Host = text; break;
            case EventField.Path: draft.Target = text; break;
            case EventField.UserAgent: draft.UserAgent = text; break;
            case EventField.Referer: draft.Referer = text; break;
            case EventField.ForwardedFor: draft.ForwardedFor = text; break;
            case EventField.Forwarded: draft.Forwarded = text; break;
            case EventField.RealIp: draft.RealIp = text; break;
            case EventField.Request when text is not null: RequestLineParser.Apply(text, draft); break;
            default: break;
        }
    }

    private static string? NullIfPlaceholder(string text) => text.Length == 0 || text is "-" ? null : text;

    private static string CamelCaseName(EventField field) => field switch
    {
        EventField.TimeLocal => "time",
        EventField.DurationSeconds => "durationMs",
        EventField.ForwardedFor => "forwardedFor",
        EventField.RealIp => "realIp",
        EventField.UserAgent => "userAgent",
        EventField.UserId => "userId",
        EventField.DurationMs => "durationMs",
        _ => field.ToString().ToLowerInvariant(),
    };
}
