namespace Kwaf.Gateway.Ingestion;

/// <summary>An input item that could not become an event.</summary>
/// <param name="Position">0-based index of the item in a JSON batch, or 1-based line number in a log.</param>
/// <param name="Field">The wrong field (<c>ip</c>, <c>time</c>, ...), or <c>body</c>/<c>line</c> for syntax.</param>
/// <param name="Reason">Why, in words; never empty and never a copy of the rejected content.</param>
internal sealed record Rejection(long Position, string Field, string Reason);
