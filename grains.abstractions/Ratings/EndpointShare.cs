namespace Kwaf.Ratings;

/// <summary>How many of a subject's events went to one endpoint.</summary>
/// <param name="Endpoint">Method and path template, or <c>other</c> for the bucket of endpoints past the bound.</param>
/// <param name="Events">Events on this endpoint since first seen.</param>
/// <param name="Share">Events divided by the subject's total events, 0 to 1.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.EndpointShare")]
public sealed record EndpointShare(
    [property: Id(0)] string Endpoint,
    [property: Id(1)] long Events,
    [property: Id(2)] double Share);
