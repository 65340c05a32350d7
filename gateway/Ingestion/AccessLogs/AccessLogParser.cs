using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Ingestion.Json;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.AccessLogs;

/// <summary>
/// Parses one access-log line (Apache/nginx combined or common, or an nginx JSON line) into an
/// <see cref="EventDraft"/>, working on bytes so that no encoding error can stop it (C-05). Fields may be empty or
/// <c>-</c> (C-06); the <c>%u</c> field is the user id. Invalid UTF-8 in the request line becomes <c>%XX</c>
/// escapes (as do control bytes); in the user, referer and agent it becomes U+FFFD; InvalidEncoding is then set.
/// <c>\"</c> and <c>\\</c> inside quoted fields are unescaped; <c>\xNN</c> escapes written by the server are kept as
/// text. A client field that is not an IP address rejects the line with a reason starting <c>ip:</c>. Lines have no
/// length limit here: the work is linear in the line length and the caller bounds what it reads.
/// </summary>
internal static class AccessLogParser
{
    /// <summary>Guesses the format of a file from its first line (JSON, combined, else common).</summary>
    public static AccessLogFormat Detect(ReadOnlySpan<byte> firstLine)
    {
        if (IsJsonLine(firstLine))
        {
            return AccessLogFormat.Json;
        }

        var line = TrimLine(firstLine);
        return TryParseText(line, AccessLogFormat.Auto, reuse: null, out _, out _, out var hadAgentFields)
            && !hadAgentFields
            ? AccessLogFormat.Common
            : AccessLogFormat.Combined;
    }

    /// <summary>Whether a line is a JSON object (its first character other than white space is '{').</summary>
    public static bool IsJsonLine(ReadOnlySpan<byte> line)
    {
        line = TrimLine(line);
        return !line.IsEmpty && line[0] == '{';
    }

    /// <summary>Parses one line; <paramref name="reason"/> names the field that failed.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> line,
        AccessLogFormat format,
        [NotNullWhen(true)] out EventDraft? draft,
        [NotNullWhen(false)] out string? reason) =>
        TryParse(line, format, reuse: null, out draft, out reason);

    /// <summary>
    /// Parses one line into <paramref name="reuse"/> (cleared first), so that a reader of many lines fills one draft
    /// instead of making one a line.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> line,
        AccessLogFormat format,
        EventDraft? reuse,
        [NotNullWhen(true)] out EventDraft? draft,
        [NotNullWhen(false)] out string? reason)
    {
        line = TrimLine(line);
        if (line.IsEmpty)
        {
            draft = null;
            reason = "line: empty";
            return false;
        }

        if (format == AccessLogFormat.Json || (format == AccessLogFormat.Auto && line[0] == '{'))
        {
            return TryParseJson(line, reuse, out draft, out reason);
        }

        reuse?.Clear();
        return TryParseText(line, format, reuse, out draft, out reason, out _);
    }

    private static bool TryParseJson(
        ReadOnlySpan<byte> line,
        EventDraft? reuse,
        [NotNullWhen(true)] out EventDraft? draft,
        [NotNullWhen(false)] out string? reason)
    {
        draft = null;
        var item = JsonEventReader.ReadSingle(line, 0, reuse);
        if (item.Rejection is not null)
        {
            reason = $"{item.Rejection.Field}: {item.Rejection.Reason}";
            return false;
        }

        draft = item.Draft!;
        reason = null;
        return true;
    }

    private static bool TryParseText(
        ReadOnlySpan<byte> line,
        AccessLogFormat format,
        EventDraft? reuse,
        [NotNullWhen(true)] out EventDraft? draft,
        [NotNullWhen(false)] out string? reason,
        out bool hadAgentFields)
    {
        draft = null;
        hadAgentFields = false;
        var cursor = new LineCursor(line);
        var candidate = reuse ?? new EventDraft();
        reason = ReadClientAndUser(ref cursor, candidate)
            ?? ReadTimeAndRequest(ref cursor, candidate)
            ?? ReadStatusAndBytes(ref cursor, candidate);
        if (reason is null && format != AccessLogFormat.Common)
        {
            reason = ReadAgentFields(ref cursor, candidate, format, out hadAgentFields);
        }

        draft = reason is null ? candidate : null;
        return reason is null;
    }

    private static string? ReadClientAndUser(ref LineCursor cursor, EventDraft draft)
    {
        // Pooled: a client's address comes back line after line, and a dotted quad is its own key.
        var client = Utf8StringPool.Shared.Decode(cursor.ReadToken(), InvalidBytePolicy.Replace, out _);
        if (!IpAddressCanonicalizer.TryCanonicalize(client, out var ip, out var ipReason))
        {
            return $"ip: {ipReason}";
        }

        draft.Ip = ip;
        _ = cursor.ReadToken();
        if (!cursor.TryReadUntil((byte)'[', out var user))
        {
            return "time: missing [dd/MMM/yyyy:HH:mm:ss +hhmm] field";
        }

        var userText = Decode(user.Trim((byte)' '), InvalidBytePolicy.Replace, draft);
        draft.UserId = userText.Length == 0 || userText is "-" ? null : userText;
        return null;
    }

    private static string? ReadTimeAndRequest(ref LineCursor cursor, EventDraft draft)
    {
        if (!cursor.TryReadBracketed(out var stamp))
        {
            return "time: missing ']' after the time stamp";
        }

        Span<char> chars = stackalloc char[26];
        if (stamp.Length == 26 && Encoding.ASCII.GetChars(stamp, chars) == 26
            && LogTime.TryParseCommonLog(chars, out var time))
        {
            draft.Time = time;
        }
        else
        {
            draft.TimeError = "time is not dd/MMM/yyyy:HH:mm:ss +hhmm";
        }

        cursor.SkipSpaces();
        if (!cursor.TryReadQuoted(out var request, statusFollows: true))
        {
            return "request: expected a quoted request line";
        }

        ApplyRequestLine(request, draft);
        return null;
    }

    /// <summary>
    /// Parses the request line without making a string of it when it is plain text (valid UTF-8, no escapes, no
    /// control bytes), as nearly every line is; anything else is decoded, escaped and kept as text.
    /// </summary>
    private static void ApplyRequestLine(ReadOnlySpan<byte> request, EventDraft draft)
    {
        const int StackChars = 512;
        if (request.Length > StackChars || request.IndexOf((byte)'\\') >= 0
            || !Utf8Text.IsPlain(request, escapeControls: true))
        {
            var text = Decode(request, InvalidBytePolicy.PercentEscape, draft, escapeControls: true);
            RequestLineParser.Apply(text, draft);
            return;
        }

        Span<char> chars = stackalloc char[StackChars];
        var length = Encoding.UTF8.GetChars(request, chars);
        RequestLineParser.Apply(chars[..length], draft);
    }

    private static string? ReadStatusAndBytes(ref LineCursor cursor, EventDraft draft)
    {
        cursor.SkipSpaces();
        var status = cursor.ReadToken();
        if (status.IsEmpty)
        {
            return "status: missing";
        }

        if (Utf8Parser.TryParse(status, out int code, out var used) && used == status.Length)
        {
            draft.Status = code;
        }
        else if (status is not [(byte)'-'])
        {
            draft.StatusError = "status is not an integer";
        }

        var bytes = cursor.ReadToken();
        if (bytes.IsEmpty || bytes is [(byte)'-'])
        {
            return null;
        }

        if (!Utf8Parser.TryParse(bytes, out long size, out used) || used != bytes.Length || size < 0)
        {
            return "bytes: not a non-negative integer or '-'";
        }

        draft.Bytes = size;
        return null;
    }

    private static string? ReadAgentFields(
        ref LineCursor cursor,
        EventDraft draft,
        AccessLogFormat format,
        out bool hadAgentFields)
    {
        cursor.SkipSpaces();
        hadAgentFields = !cursor.AtEnd;
        if (!hadAgentFields)
        {
            return format == AccessLogFormat.Combined ? "referer: missing (the line is in common format)" : null;
        }

        if (!cursor.TryReadQuoted(out var referer))
        {
            return "referer: expected a quoted field";
        }

        draft.Referer = NullIfPlaceholder(Decode(referer, InvalidBytePolicy.Replace, draft));
        cursor.SkipSpaces();
        if (cursor.TryReadQuoted(out var agent))
        {
            draft.UserAgent = NullIfPlaceholder(Decode(agent, InvalidBytePolicy.Replace, draft));
        }

        return null;
    }

    private static string Decode(
        ReadOnlySpan<byte> escaped,
        InvalidBytePolicy policy,
        EventDraft draft,
        bool escapeControls = false)
    {
        if (escaped.IndexOf((byte)'\\') < 0)
        {
            // Fields without escapes come from the shared pool: agents, referers and users repeat line after line.
            var text = escapeControls
                ? Utf8Text.Decode(escaped, policy, out var invalid, escapeControls)
                : Utf8StringPool.Shared.Decode(escaped, policy, out invalid);
            draft.InvalidEncoding |= invalid;
            return text;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(escaped.Length);
        try
        {
            var length = Unescape(escaped, buffer);
            var text = Utf8Text.Decode(buffer.AsSpan(0, length), policy, out var invalid, escapeControls);
            draft.InvalidEncoding |= invalid;
            return text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Only \" and \\ are undone; other escapes (\xNN, \n) stay as the server wrote them, as evidence.
    private static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> output)
    {
        var length = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            var b = escaped[i];
            if (b == '\\' && i + 1 < escaped.Length && escaped[i + 1] is (byte)'"' or (byte)'\\')
            {
                b = escaped[++i];
            }

            output[length++] = b;
        }

        return length;
    }

    private static string? NullIfPlaceholder(string text) => text.Length == 0 || text is "-" ? null : text;

    private static ReadOnlySpan<byte> TrimLine(ReadOnlySpan<byte> line) => line.Trim("\r\n\t "u8);
}
