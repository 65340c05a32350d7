using System.Buffers;
using Kwaf.Events;

namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>
/// Normalizes a request target so that every spelling of one path gives one key, while reporting the spellings that
/// suggest evasion. Rules, in order:
/// <list type="number">
/// <item>Targets longer than <see cref="MaxTargetLength"/> are cut to that length first; no trait records the cut
/// (the caller sees the raw length and may flag it). Escaping can make the normalized path up to three times longer
/// than the cut; such a path, normalized again, would be cut again, so a target is normalized once, as it
/// arrives.</item>
/// <item>An absolute-form target (<c>https://host:443/p?q</c>) gives the host (lower case, no port, no user info)
/// and its path; an authority-form target (CONNECT <c>host:443</c>) gives the host and path <c>/</c>.</item>
/// <item>The query is split off at the first '?' and kept as logged.</item>
/// <item>The path is percent-decoded once: escapes of unreserved characters (letters, digits, <c>-._~</c>) are
/// decoded, every other escape stays encoded with upper-case hex (<c>%2f</c> becomes <c>%2F</c> and never separates
/// segments), and a stray '%' becomes <c>%25</c>. An escape of '%' followed by hex digits flags DoubleEncoded.</item>
/// <item>Backslash separates segments only under <see cref="PathProfile.Windows"/>, which also strips trailing dots
/// of a segment; under <see cref="PathProfile.Unix"/> both are kept and flag EvasionShape.</item>
/// <item>Repeated slashes collapse and dot segments are resolved as in RFC 3986. A <c>..</c> above the root is
/// dropped and flags PathTraversal, as do encoded forms (<c>..%2F</c>, <c>%2e%2e/</c>). A trailing slash left by a
/// final dot segment is dropped. Case is kept. The result always starts with '/'.</item>
/// </list>
/// </summary>
internal static class PathNormalizer
{
    /// <summary>Targets are cut to this many characters before any work, which bounds the cost per event.</summary>
    public const int MaxTargetLength = 8192;

    private static readonly SearchValues<char> SlowPathMarkers = SearchValues.Create("%\\");

    /// <summary>Normalizes <paramref name="target"/> (path and query, origin-, absolute- or authority-form).</summary>
    public static NormalizedTarget Normalize(string target, PathProfile profile)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.AsSpan();
        if (text.Length > MaxTargetLength)
        {
            text = text[..MaxTargetLength];
        }

        var host = TargetAuthority.Split(text, out var rest);
        var queryStart = rest.IndexOf('?');
        var rawPath = queryStart < 0 ? rest : rest[..queryStart];
        var query = queryStart < 0 ? null : rest[(queryStart + 1)..].ToString();
        var traits = RequestTraits.None;
        // A target that is nothing but a normal path (most are) is its own path, not a second string of it. The span
        // comparison is of identity: the same characters of the same string.
        var path = !IsAlreadyNormal(rawPath) ? NormalizePath(rawPath, profile, ref traits)
            : rawPath == target.AsSpan() ? target
            : rawPath.ToString();
        return new NormalizedTarget(host, path, query, traits);
    }

    private static bool IsAlreadyNormal(ReadOnlySpan<char> path) =>
        path.Length > 0
        && path[0] == '/'
        && !path.ContainsAny(SlowPathMarkers)
        && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains("/.", StringComparison.Ordinal)
        && !path.Contains("./", StringComparison.Ordinal)
        && path[^1] != '.';

    private static string NormalizePath(ReadOnlySpan<char> rawPath, PathProfile profile, ref RequestTraits traits)
    {
        var decoded = ArrayPool<char>.Shared.Rent((rawPath.Length * 3) + 1);
        var output = ArrayPool<char>.Shared.Rent((rawPath.Length * 3) + 2);
        try
        {
            var decodedLength = PercentDecoder.DecodePath(rawPath, decoded, profile, ref traits);
            var span = decoded.AsSpan(0, decodedLength);
            if (HasEncodedTraversal(rawPath, span))
            {
                traits |= RequestTraits.PathTraversal;
            }

            var length = ResolveSegments(span, output, profile, ref traits);
            return length == 0 ? "/" : new string(output, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(decoded);
            ArrayPool<char>.Shared.Return(output);
        }
    }

    private static bool HasEncodedTraversal(ReadOnlySpan<char> rawPath, ReadOnlySpan<char> decoded)
    {
        if (decoded.Contains("..%2F", StringComparison.Ordinal)
            || decoded.Contains("..%5C", StringComparison.Ordinal)
            || decoded.Contains("%2F..", StringComparison.Ordinal)
            || decoded.Contains("%5C..", StringComparison.Ordinal))
        {
            return true;
        }

        // An encoded dot only matters when it helped build a ".." segment.
        return rawPath.Contains("%2e", StringComparison.OrdinalIgnoreCase) && HasDotDotSegment(decoded);
    }

    private static bool HasDotDotSegment(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            if (path[range] is "..")
            {
                return true;
            }
        }

        return false;
    }

    private static int ResolveSegments(
        ReadOnlySpan<char> path,
        Span<char> output,
        PathProfile profile,
        ref RequestTraits traits)
    {
        var length = 0;
        var trailingSlash = false;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty)
            {
                continue;
            }

            trailingSlash = false;
            if (segment is ".")
            {
                continue;
            }

            if (segment is "..")
            {
                length = PopSegment(output, length, ref traits);
                continue;
            }

            segment = TrimTrailingDots(segment, profile, ref traits);
            if (segment.IsEmpty)
            {
                continue;
            }

            output[length++] = '/';
            segment.CopyTo(output[length..]);
            length += segment.Length;
            trailingSlash = range.End.Value < path.Length;
        }

        if (trailingSlash)
        {
            output[length++] = '/';
        }

        return length;
    }

    private static int PopSegment(Span<char> output, int length, ref RequestTraits traits)
    {
        if (length == 0)
        {
            traits |= RequestTraits.PathTraversal;
            return 0;
        }

        return output[..length].LastIndexOf('/');
    }

    private static ReadOnlySpan<char> TrimTrailingDots(
        ReadOnlySpan<char> segment,
        PathProfile profile,
        scoped ref RequestTraits traits)
    {
        if (segment[^1] != '.')
        {
            return segment;
        }

        if (profile == PathProfile.Windows)
        {
            return segment.TrimEnd('.');
        }

        traits |= RequestTraits.EvasionShape;
        return segment;
    }
}
