namespace Kwaf.Gateway.Ingestion;

/// <summary>
/// Cutting of over-long client-controlled fields, each cut recorded in a <see cref="TruncatedFields"/>.
/// </summary>
internal sealed partial class EventNormalizer
{
    private static string? Limit(string? text, int maxLength, TruncatedFields field, ref TruncatedFields cut)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        cut |= field;
        return text[..maxLength];
    }

    /// <summary>
    /// Keeps the rightmost part of a forwarded chain that fits, starting after a comma so that no address is cut in
    /// half: the rightmost hops are those the proxies nearest kwaf added, the only ones a client cannot write.
    /// </summary>
    private static string? LimitChain(string? chain, int maxLength, ref TruncatedFields cut)
    {
        if (chain is null || chain.Length <= maxLength)
        {
            return chain;
        }

        cut |= TruncatedFields.ForwardedFor;
        var tail = chain.AsSpan(chain.Length - maxLength);
        var comma = tail.IndexOf(',');
        return (comma < 0 ? string.Empty : tail[(comma + 1)..].TrimStart(' ').ToString()) is { Length: > 0 } kept
            ? kept
            : null;
    }
}
