using System.Buffers;
using System.Collections.Frozen;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>
/// Builds the endpoint key of a request, <c>GET /users/{id}/orders</c>, so that counters are kept per route rather
/// than per unique URL. Identifier-like segments become <c>{id}</c>: numbers, UUIDs, hex runs of at least 8 chars
/// with a digit, and token-like runs of at least 20 chars of <c>[A-Za-z0-9_-]</c> with letters and digits. Other
/// segments longer than <see cref="MaxSegmentLength"/> become <c>{long}</c>, and only the first
/// <see cref="MaxSegments"/> segments are kept (then <c>/...</c>), so one client cannot grow the endpoint table
/// without bound by sending unique long paths. A trailing slash is ignored.
/// </summary>
internal static class EndpointTemplate
{
    /// <summary>Segments kept in a template before the rest is written as <c>/...</c>.</summary>
    public const int MaxSegments = 8;

    /// <summary>Longest segment kept verbatim; longer ones become <c>{long}</c>.</summary>
    public const int MaxSegmentLength = 64;

    private static readonly FrozenSet<string> StaticExtensions = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "css", "js", "mjs", "png", "jpg", "jpeg", "gif", "svg", "ico", "woff", "woff2", "ttf", "otf", "eot",
        "map", "webp", "avif", "bmp", "mp4", "webm", "mp3", "ogg", "wav");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StaticLookup =
        StaticExtensions.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Builds <c>METHOD /template</c> from a path normalized by <see cref="PathNormalizer"/>.</summary>
    /// <remarks>
    /// Built on the stack and taken from <see cref="StringPool.Endpoints"/>: a site has few endpoints, and every
    /// event of one of them gets the same string.
    /// </remarks>
    public static string Build(string method, string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(normalizedPath);
        const int StackChars = 1024;
        var longest = method.Length + 1 + (MaxSegments * (MaxSegmentLength + 1)) + "/...".Length + 1;
        char[]? rented = null;
        Span<char> buffer = longest <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(longest));
        try
        {
            method.CopyTo(buffer);
            var length = method.Length;
            buffer[length++] = ' ';
            var start = length;
            var path = normalizedPath.AsSpan();
            var segments = 0;
            foreach (var range in path.Split('/'))
            {
                var segment = path[range];
                if (segment.IsEmpty)
                {
                    continue;
                }

                if (++segments > MaxSegments)
                {
                    "/...".CopyTo(buffer[length..]);
                    length += "/...".Length;
                    break;
                }

                buffer[length++] = '/';
                var template = Template(segment);
                template.CopyTo(buffer[length..]);
                length += template.Length;
            }

            if (length == start)
            {
                buffer[length++] = '/';
            }

            return StringPool.Endpoints.Get(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the last segment of the path has a static-asset extension (.css, .js, .png, ...).</summary>
    public static bool IsStaticAsset(string normalizedPath)
    {
        ArgumentNullException.ThrowIfNull(normalizedPath);
        var path = normalizedPath.AsSpan();
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        var dot = lastSegment.LastIndexOf('.');
        return dot > 0 && StaticLookup.Contains(lastSegment[(dot + 1)..]);
    }

    private static ReadOnlySpan<char> Template(ReadOnlySpan<char> segment)
    {
        if (IsIdentifier(segment))
        {
            return "{id}";
        }

        return segment.Length > MaxSegmentLength ? "{long}" : segment;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> segment)
    {
        int digits = 0, hexLetters = 0, otherLetters = 0, tokenPunctuation = 0, dashes = 0;
        foreach (var c in segment)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiHexDigit(c))
            {
                hexLetters++;
            }
            else if (char.IsAsciiLetter(c))
            {
                otherLetters++;
            }
            else if (c is '-' or '_')
            {
                tokenPunctuation++;
                dashes += c == '-' ? 1 : 0;
            }
            else
            {
                return false;
            }
        }

        var letters = hexLetters + otherLetters;
        return digits == segment.Length
            || IsUuid(segment, dashes)
            || (otherLetters == 0 && tokenPunctuation == 0 && digits > 0 && segment.Length >= 8)
            || (segment.Length >= 20 && digits > 0 && letters > 0);
    }

    private static bool IsUuid(ReadOnlySpan<char> segment, int dashes) =>
        segment.Length == 36 && dashes == 4 && segment[8] == '-' && segment[13] == '-' && segment[18] == '-'
        && segment[23] == '-' && Guid.TryParseExact(segment, "D", out _);
}
