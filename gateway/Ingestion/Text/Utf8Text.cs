using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>
/// Decodes UTF-8 bytes from logs and JSON without ever throwing. Valid input takes one fast call; invalid bytes are
/// percent-escaped or replaced (see <see cref="InvalidBytePolicy"/>) and reported through <c>invalid</c>.
/// </summary>
internal static class Utf8Text
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Decodes UTF-8 text without throwing.</summary>
    /// <param name="bytes">The text as logged.</param>
    /// <param name="policy">What invalid bytes become.</param>
    /// <param name="invalid">Set when any byte was not valid UTF-8.</param>
    /// <param name="escapeControls">
    /// Also percent-escape C0 controls and DEL (valid UTF-8, but never legitimate in a request line); they do not
    /// count as invalid encoding.
    /// </param>
    public static string Decode(
        ReadOnlySpan<byte> bytes,
        InvalidBytePolicy policy,
        out bool invalid,
        bool escapeControls = false)
    {
        invalid = false;
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (IsPlain(bytes, escapeControls))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var builder = new StringBuilder(bytes.Length + 16);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                AppendRune(builder, rune, escapeControls);
            }
            else
            {
                invalid = true;
                AppendInvalid(builder, bytes[..consumed], policy);
            }

            bytes = bytes[consumed..];
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether <see cref="Decode"/> would return the text as it is: valid UTF-8 and, when controls are escaped, none.
    /// </summary>
    public static bool IsPlain(ReadOnlySpan<byte> bytes, bool escapeControls) =>
        Utf8.IsValid(bytes) && !(escapeControls && HasControl(bytes));

    private static bool HasControl(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendRune(StringBuilder builder, Rune rune, bool escapeControls)
    {
        if (escapeControls && (rune.Value < 0x20 || rune.Value == 0x7F))
        {
            AppendEscape(builder, (byte)rune.Value);
            return;
        }

        Span<char> chars = stackalloc char[2];
        var written = rune.EncodeToUtf16(chars);
        builder.Append(chars[..written]);
    }

    private static void AppendInvalid(StringBuilder builder, ReadOnlySpan<byte> invalidBytes, InvalidBytePolicy policy)
    {
        if (policy == InvalidBytePolicy.Replace)
        {
            builder.Append('\uFFFD');
            return;
        }

        foreach (var b in invalidBytes)
        {
            AppendEscape(builder, b);
        }
    }

    private static void AppendEscape(StringBuilder builder, byte value) =>
        builder.Append('%').Append(Hex[value >> 4]).Append(Hex[value & 0xF]);
}
