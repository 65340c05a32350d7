using System.Globalization;
using System.Net;

namespace Kwaf.Gateway.Ingestion.Addresses;

/// <summary>
/// RFC 5952 text for an IPv6 address: lower-case hex, no leading zeros, the longest run of two or more zero groups
/// compressed (the first on a tie). Written out because <see cref="IPAddress.ToString()"/> prints IPv4-compatible
/// addresses (<c>::1.2.3.4</c>) in mixed notation, which RFC 5952 reserves for well-known prefixes.
/// </summary>
internal static class Rfc5952
{
    /// <summary>Eight groups of four digits and seven colons: the longest form, which never compresses.</summary>
    private const int MaxLength = 39;

    public static string Format(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        Span<int> groups = stackalloc int[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (bytes[2 * i] << 8) | bytes[(2 * i) + 1];
        }

        var (runStart, runLength) = LongestZeroRun(groups);
        Span<char> text = stackalloc char[MaxLength];
        var length = 0;
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                text[length++] = ':';
                if (i == 0)
                {
                    text[length++] = ':';
                }

                i += runLength - 1;
                continue;
            }

            groups[i].TryFormat(text[length..], out var written, "x", CultureInfo.InvariantCulture);
            length += written;
            if (i < 7)
            {
                text[length++] = ':';
            }
        }

        return new string(text[..length]);
    }

    private static (int Start, int Length) LongestZeroRun(ReadOnlySpan<int> groups)
    {
        int bestStart = -1, bestLength = 0, start = -1;
        for (var i = 0; i <= groups.Length; i++)
        {
            if (i < groups.Length && groups[i] == 0)
            {
                start = start < 0 ? i : start;
                continue;
            }

            if (start >= 0 && i - start > bestLength && i - start >= 2)
            {
                bestStart = start;
                bestLength = i - start;
            }

            start = -1;
        }

        return (bestStart, bestLength);
    }
}
