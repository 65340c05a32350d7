namespace Kwaf.Gateway.Events;

/// <summary>Why one event of a batch was refused.</summary>
/// <param name="Index">The event's 0-based position in the batch (line for NDJSON, element for an array).</param>
/// <param name="Field">The field at fault, or <c>body</c> when the item was not an event at all.</param>
/// <param name="Reason">What was wrong.</param>
internal sealed record EventError(long Index, string Field, string Reason);
