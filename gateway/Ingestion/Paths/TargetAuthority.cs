namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>Takes the scheme and authority out of absolute-form and authority-form request targets.</summary>
internal static class TargetAuthority
{
    /// <summary>
    /// Returns the host named by <paramref name="target"/> (lower case, no port, no user info) or null, and sets
    /// <paramref name="rest"/> to the path and query that remain.
    /// </summary>
    public static string? Split(ReadOnlySpan<char> target, out ReadOnlySpan<char> rest)
    {
        rest = target;
        if (target.IsEmpty || target[0] == '/' || target[0] == '\\')
        {
            return null;
        }

        if (target is "*")
        {
            rest = "/";
            return null;
        }

        var schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && IsScheme(target[..schemeEnd]))
        {
            var afterScheme = target[(schemeEnd + 3)..];
            var authorityEnd = afterScheme.IndexOfAny('/', '?', '#');
            var authority = authorityEnd < 0 ? afterScheme : afterScheme[..authorityEnd];
            rest = authorityEnd < 0 ? "/" : afterScheme[authorityEnd..];
            return HostOf(authority);
        }

        if (target.IndexOfAny('/', '?') < 0 && target.Contains(':'))
        {
            rest = "/";
            return HostOf(target);
        }

        return null;
    }

    /// <summary>The host of an authority or Host header: no user info, no port, lower case; null if empty.</summary>
    public static string? HostOf(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            authority = close < 0 ? authority : authority[..(close + 1)];
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            authority = colon < 0 ? authority : authority[..colon];
        }

        authority = authority.Trim().TrimEnd('.');
        return authority.IsEmpty ? null : authority.ToString().ToLowerInvariant();
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (!char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
