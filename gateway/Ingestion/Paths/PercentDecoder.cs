using System.Buffers;
using Kwaf.Events;

namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>Percent-decoding for paths (one pass, unreserved only) and for inspection (full, bounded).</summary>
internal static class PercentDecoder
{
    private const string UpperHex = "0123456789ABCDEF";

    /// <summary>
    /// Writes <paramref name="path"/> into <paramref name="destination"/> (at least 3 × length + 1 chars) with a
    /// leading '/', unreserved escapes decoded, other escapes upper-cased, and backslashes turned into '/' under
    /// Windows.
    /// </summary>
    public static int DecodePath(
        ReadOnlySpan<char> path,
        Span<char> destination,
        PathProfile profile,
        ref RequestTraits traits)
    {
        var length = 0;
        if (path.IsEmpty || (path[0] != '/' && path[0] != '\\'))
        {
            destination[length++] = '/';
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%')
            {
                length = WriteEscape(path, ref i, destination, length, ref traits);
            }
            else if (c == '\\')
            {
                destination[length++] = profile == PathProfile.Windows ? '/' : '\\';
                traits |= profile == PathProfile.Windows ? RequestTraits.None : RequestTraits.EvasionShape;
            }
            else
            {
                destination[length++] = c;
            }
        }

        return length;
    }

    /// <summary>
    /// Fully decodes escapes (and '+' as space when <paramref name="plusIsSpace"/>) for pattern inspection only,
    /// in two passes, so double encoding cannot hide a pattern. Escapes decode to single chars (bytes are not joined
    /// into UTF-8), which is enough for the ASCII patterns the classifier looks for.
    /// Returns the input itself when there is nothing to decode.
    /// </summary>
    public static string DecodeForInspection(string text, bool plusIsSpace)
    {
        var once = DecodeAll(text, plusIsSpace);
        return ReferenceEquals(once, text) ? text : DecodeAll(once, plusIsSpace: false);
    }

    private static string DecodeAll(string text, bool plusIsSpace)
    {
        if (text.IndexOf('%') < 0 && (!plusIsSpace || text.IndexOf('+') < 0))
        {
            return text;
        }

        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var written = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '%' && i + 2 < text.Length && TryHexPair(text[i + 1], text[i + 2], out var value))
                {
                    c = (char)value;
                    i += 2;
                }
                else if (c == '+' && plusIsSpace)
                {
                    c = ' ';
                }

                buffer[written++] = c;
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int WriteEscape(
        ReadOnlySpan<char> path,
        ref int i,
        Span<char> destination,
        int length,
        ref RequestTraits traits)
    {
        if (i + 2 >= path.Length || !TryHexPair(path[i + 1], path[i + 2], out var value))
        {
            "%25".CopyTo(destination[length..]);
            return length + 3;
        }

        i += 2;
        if (IsUnreserved(value))
        {
            destination[length++] = (char)value;
            return length;
        }

        if (value == '%' && i + 2 < path.Length && TryHexPair(path[i + 1], path[i + 2], out _))
        {
            traits |= RequestTraits.DoubleEncoded;
        }

        destination[length++] = '%';
        destination[length++] = UpperHex[value >> 4];
        destination[length++] = UpperHex[value & 0xF];
        return length;
    }

    private static bool IsUnreserved(int value) =>
        char.IsAsciiLetterOrDigit((char)value) || value is '-' or '.' or '_' or '~';

    private static bool TryHexPair(char high, char low, out int value)
    {
        var h = HexValue(high);
        var l = HexValue(low);
        value = (h << 4) | l;
        return h >= 0 && l >= 0;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
