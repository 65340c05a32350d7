namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>RFC 9110 (formerly RFC 7230) token syntax, which every HTTP method must follow.</summary>
internal static class HttpToken
{
    /// <summary>Longest method accepted; real methods are far shorter, and the limit bounds endpoint keys.</summary>
    public const int MaxMethodLength = 32;

    /// <summary>
    /// The method as a string: the shared literal for the methods sites see (<c>GET</c>, <c>POST</c>, ...), so that
    /// a line that names one allocates nothing for it; a new string for any other.
    /// </summary>
    public static string MethodString(ReadOnlySpan<char> method) => method switch
    {
        "GET" => "GET",
        "POST" => "POST",
        "HEAD" => "HEAD",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        "PATCH" => "PATCH",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        _ => method.ToString(),
    };

    public static bool IsMethod(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > MaxMethodLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$%&'*+-.^_`|~".IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
