namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>Everything read from one JSON body, in input order.</summary>
internal sealed record JsonReadResult(IReadOnlyList<JsonReadItem> Items);
