namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>Everything read from one JSON body, in input order.</summary>
/// <param name="Items">The items read; when <paramref name="OverItemLimit"/> is set, those before the
/// limit.</param>
/// <param name="OverItemLimit">The body held more items than the limit allowed and was not read to its end.</param>
internal sealed record JsonReadResult(IReadOnlyList<JsonReadItem> Items, bool OverItemLimit = false);
