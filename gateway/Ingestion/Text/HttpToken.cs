namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>RFC 9110 (formerly RFC 7230) token syntax, which every HTTP method must follow.</summary>
internal static class HttpToken
{
    /// <summary>Longest method accepted; real methods are far shorter, and the limit bounds endpoint keys.</summary>
    public const int MaxMethodLength = 32;

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
