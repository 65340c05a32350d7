using System.Diagnostics.CodeAnalysis;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Finds the message body (MSG) of one syslog message, in RFC 5424 or RFC 3164 layout, working on bytes. The header
/// fields themselves are not kept: the body is an access-log record that carries its own time, host and client.
/// RFC 3164 as senders write it: the time stamp and the host name may be absent (HAProxy leaves the host out unless
/// told otherwise), and the tag ends with a colon (<c>nginx:</c>, <c>haproxy[812]:</c>). RFC 5424: structured data is
/// <c>-</c> or one or more <c>[...]</c> elements, whose quoted values may hold escaped <c>]</c>; a UTF-8 byte order
/// mark before MSG is dropped. Trailing line ends and NUL bytes are ignored.
/// </summary>
internal static class SyslogHeaderParser
{
    private const int MaxPriority = 191;
    private const int Rfc3164TimeLength = 15;
    private const int Rfc5424HeaderFieldsAfterVersion = 5;

    /// <summary>Finds the body; <paramref name="reason"/> says what was wrong with the header.</summary>
    public static bool TryReadBody(
        ReadOnlySpan<byte> message,
        out ReadOnlySpan<byte> body,
        out SyslogFormat format,
        [NotNullWhen(false)] out string? reason)
    {
        body = default;
        format = SyslogFormat.Rfc3164;
        message = message.TrimEnd("\r\n\0"u8);
        if (!TryReadPriority(message, out var afterPriority, out reason))
        {
            return false;
        }

        var rest = message[afterPriority..];
        if (rest.StartsWith("1 "u8))
        {
            format = SyslogFormat.Rfc5424;
            return TryReadRfc5424Body(rest[2..], out body, out reason);
        }

        return TryReadRfc3164Body(rest, out body, out reason);
    }

    private static bool TryReadPriority(ReadOnlySpan<byte> message, out int end, [NotNullWhen(false)] out string? reason)
    {
        end = 0;
        if (message.IsEmpty || message[0] != '<')
        {
            reason = "missing <PRI> at the start";
            return false;
        }

        var value = 0;
        var digits = 0;
        while (1 + digits < message.Length && IsDigit(message[1 + digits]) && digits < 4)
        {
            value = (value * 10) + (message[1 + digits] - '0');
            digits++;
        }

        if (digits is 0 or > 3 || 1 + digits >= message.Length || message[1 + digits] != '>' || value > MaxPriority)
        {
            reason = "PRI must be <0> to <191>";
            return false;
        }

        end = digits + 2;
        reason = null;
        return true;
    }

    private static bool TryReadRfc5424Body(
        ReadOnlySpan<byte> rest,
        out ReadOnlySpan<byte> body,
        [NotNullWhen(false)] out string? reason)
    {
        body = default;
        for (var field = 0; field < Rfc5424HeaderFieldsAfterVersion; field++)
        {
            var space = rest.IndexOf((byte)' ');
            if (space <= 0)
            {
                reason = "truncated RFC 5424 header";
                return false;
            }

            rest = rest[(space + 1)..];
        }

        if (!TrySkipStructuredData(ref rest, out reason))
        {
            return false;
        }

        if (rest.IsEmpty || rest[0] != ' ')
        {
            reason = rest.IsEmpty ? "no message after the header" : "structured data is not followed by a space";
            return false;
        }

        body = rest[1..];
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        return true;
    }

    private static bool TrySkipStructuredData(ref ReadOnlySpan<byte> rest, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        if (rest.StartsWith("-"u8))
        {
            rest = rest[1..];
            return true;
        }

        if (rest.IsEmpty || rest[0] != '[')
        {
            reason = "structured data must be '-' or [...]";
            return false;
        }

        while (!rest.IsEmpty && rest[0] == '[')
        {
            var end = ElementEnd(rest);
            if (end < 0)
            {
                reason = "structured data element is not closed by ']'";
                return false;
            }

            rest = rest[(end + 1)..];
        }

        return true;
    }

    /// <summary>Index of the ']' that closes the element at the start of <paramref name="text"/>, or -1.</summary>
    private static int ElementEnd(ReadOnlySpan<byte> text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            var b = text[i];
            if (quoted && b == '\\')
            {
                i++;
            }
            else if (b == '"')
            {
                quoted = !quoted;
            }
            else if (b == ']' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadRfc3164Body(
        ReadOnlySpan<byte> rest,
        out ReadOnlySpan<byte> body,
        [NotNullWhen(false)] out string? reason)
    {
        body = default;
        reason = null;
        if (IsRfc3164Time(rest))
        {
            rest = rest[(Rfc3164TimeLength + 1)..];
        }

        // Up to two tokens come before the body: an optional host name and the tag, which ends with ':'.
        for (var token = 0; token < 2 && !rest.IsEmpty && rest[0] != '{'; token++)
        {
            var space = rest.IndexOf((byte)' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            if (word.Length > 1 && word[^1] == ':')
            {
                body = rest;
                return CheckBody(body, out reason);
            }
        }

        if (!rest.IsEmpty && rest[0] == '{')
        {
            body = rest;
            return true;
        }

        reason = "no 'TAG:' before the message (expected <PRI>Mmm dd hh:mm:ss host tag: message)";
        return false;
    }

    private static bool CheckBody(ReadOnlySpan<byte> body, [NotNullWhen(false)] out string? reason)
    {
        reason = body.Trim((byte)' ').IsEmpty ? "no message after the header" : null;
        return reason is null;
    }

    /// <summary>Whether <paramref name="text"/> starts with <c>Mmm dd hh:mm:ss </c> (the day may be space-padded).</summary>
    private static bool IsRfc3164Time(ReadOnlySpan<byte> text) =>
        text.Length > Rfc3164TimeLength
        && IsLetter(text[0]) && IsLetter(text[1]) && IsLetter(text[2]) && text[3] == ' '
        && (IsDigit(text[4]) || text[4] == ' ') && IsDigit(text[5]) && text[6] == ' '
        && IsDigit(text[7]) && IsDigit(text[8]) && text[9] == ':'
        && IsDigit(text[10]) && IsDigit(text[11]) && text[12] == ':'
        && IsDigit(text[13]) && IsDigit(text[14]) && text[15] == ' ';

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool IsLetter(byte b) => (b | 0x20) is >= (byte)'a' and <= (byte)'z';
}
