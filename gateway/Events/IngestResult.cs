namespace Kwaf.Gateway.Events;

/// <summary>The answer to a batch of events: how many were taken, and why each of the others was not.</summary>
/// <param name="Accepted">Events validated and queued for rating.</param>
/// <param name="Rejected">Events refused for what they contained.</param>
/// <param name="Dropped">Valid events refused because ingestion was full.</param>
/// <param name="Errors">One entry per rejected event: its 0-based index in the batch, the field and the reason.</param>
internal sealed record IngestResult(int Accepted, int Rejected, int Dropped, IReadOnlyList<EventError> Errors);
