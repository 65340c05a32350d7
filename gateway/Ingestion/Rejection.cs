namespace Kwaf.Gateway.Ingestion;

/// <summary>An input item that could not become an event.</summary>
/// <param name="Position">0-based index of the item in a JSON batch, or 1-based line number in a log.</param>
/// <param name="Field">The wrong field (<c>ip</c>, <c>time</c>, ...), or <c>body</c>/<c>line</c> for syntax.</param>
/// <param name="Reason">Why, in words; never empty and never a copy of the rejected content.</param>
internal sealed record Rejection(long Position, string Field, string Reason)
{
    /// <summary>What a reason says where in its item the fault is, after the words (" near byte 57").</summary>
    public const string LocationMark = " near byte ";

    /// <summary>
    /// The key rejections are counted under: the field and the reason without its location, so that the same fault
    /// at a thousand offsets is one count of a thousand rather than a thousand keys.
    /// </summary>
    public static string CountingKey(string field, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var location = reason.IndexOf(LocationMark, StringComparison.Ordinal);
        return field + ": " + (location < 0 ? reason : reason[..location]);
    }
}
