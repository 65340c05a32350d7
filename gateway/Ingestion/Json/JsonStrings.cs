using System.Buffers;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>
/// Reads JSON string values without the transcoding that <see cref="Utf8JsonReader.GetString"/> does, because that
/// throws on invalid UTF-8 (C-05). Escapes are undone here on bytes, then <see cref="Utf8Text"/> decodes.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The current String token as text; invalid bytes handled by <paramref name="policy"/>.</summary>
    public static string Read(ref Utf8JsonReader reader, InvalidBytePolicy policy, out bool invalid) =>
        Read(ref reader, policy, pooled: false, out invalid);

    /// <summary>
    /// The current String token as text, taken from <see cref="Utf8StringPool.Shared"/> when <paramref name="pooled"/>:
    /// for the fields whose values repeat from event to event.
    /// </summary>
    public static string Read(ref Utf8JsonReader reader, InvalidBytePolicy policy, bool pooled, out bool invalid)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            return pooled
                ? Utf8StringPool.Shared.Decode(raw, policy, out invalid)
                : Utf8Text.Decode(raw, policy, out invalid);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var length = Unescape(raw, buffer);
            return Utf8Text.Decode(buffer.AsSpan(0, length), policy, out invalid);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The reader has already checked escape syntax, so only the meaning is handled here. Output never outgrows input.
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> output)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length)
            {
                output[length++] = raw[i];
                continue;
            }

            var kind = raw[++i];
            if (kind != 'u')
            {
                output[length++] = Simple(kind);
                continue;
            }

            var rune = ReadUnicodeEscape(raw, ref i);
            length += rune.EncodeToUtf8(output[length..]);
        }

        return length;
    }

    private static byte Simple(byte kind) => kind switch
    {
        (byte)'b' => (byte)'\b',
        (byte)'f' => (byte)'\f',
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        _ => kind,
    };

    // i points at 'u'; on return it points at the last hex digit consumed. Lone surrogates become U+FFFD.
    private static Rune ReadUnicodeEscape(ReadOnlySpan<byte> raw, ref int i)
    {
        var high = ParseHex4(raw.Slice(i + 1, 4));
        i += 4;
        if (!char.IsHighSurrogate((char)high))
        {
            return Rune.TryCreate((char)high, out var single) ? single : Rune.ReplacementChar;
        }

        if (i + 6 < raw.Length && raw[i + 1] == '\\' && raw[i + 2] == 'u')
        {
            var low = ParseHex4(raw.Slice(i + 3, 4));
            if (char.IsLowSurrogate((char)low))
            {
                i += 6;
                return new Rune((char)high, (char)low);
            }
        }

        return Rune.ReplacementChar;
    }

    private static int ParseHex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }
}
