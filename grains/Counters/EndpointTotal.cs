namespace Kwaf.Grains.Counters;

/// <summary>One endpoint's total in the per-endpoint table.</summary>
[GenerateSerializer]
[Alias("kwaf.EndpointTotal")]
internal sealed class EndpointTotal
{
    /// <summary>Method and path template.</summary>
    [Id(0)]
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Events on the endpoint since first seen.</summary>
    [Id(1)]
    public long Events { get; set; }

    /// <summary>Whether the endpoint serves static assets (taken from its first event).</summary>
    [Id(2)]
    public bool Static { get; set; }
}
