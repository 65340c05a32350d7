using System.Net;
using System.Text;

namespace Kwaf.Gateway.Ingestion.Addresses;

/// <summary>
/// RFC 5952 text for an IPv6 address: lower-case hex, no leading zeros, the longest run of two or more zero groups
/// compressed (the first on a tie). Written out because <see cref="IPAddress.ToString()"/> prints IPv4-compatible
/// addresses (<c>::1.2.3.4</c>) in mixed notation, which RFC 5952 reserves for well-known prefixes.
/// </summary>
internal static class Rfc5952
{
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
        var builder = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == runStart)
            {
                builder.Append(i == 0 ? "::" : ":");
                i += runLength - 1;
                continue;
            }

            builder.Append(groups[i].ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            if (i < 7)
            {
                builder.Append(':');
            }
        }

        return builder.ToString();
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
