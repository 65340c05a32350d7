namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>One item of a JSON body: either a draft or a rejection, at its 0-based position.</summary>
internal sealed record JsonReadItem(long Position, EventDraft? Draft, Rejection? Rejection);
