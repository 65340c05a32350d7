namespace Kwaf.Ratings;

/// <summary>One detector's contribution to a rating.</summary>
/// <param name="Name">The detector's name, for example <c>probing</c>.</param>
/// <param name="Points">Points it adds now, after decay.</param>
/// <param name="Count">The count that made it fire (events, distinct peers, ...), over its window.</param>
/// <param name="LastSeen">Event time when it last fired.</param>
/// <param name="Evidence">A sample of what made it fire (a raw path, a user agent), or null.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.SignalReport")]
public sealed record SignalReport(
    [property: Id(0)] string Name,
    [property: Id(1)] double Points,
    [property: Id(2)] long Count,
    [property: Id(3)] DateTimeOffset LastSeen,
    [property: Id(4)] string? Evidence);
