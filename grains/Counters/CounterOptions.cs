namespace Kwaf.Grains.Counters;

/// <summary>Shape and bounds of every subject's counters (section <c>Kwaf:Counters</c>).</summary>
internal sealed class CounterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kwaf:Counters";

    /// <summary>
    /// Width of one time bucket. Default 10 seconds. Must be at least 1 second and divide <see cref="Window"/>.
    /// </summary>
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Length of the sliding window: the longest window any detector can look at. Default 10 minutes. Must be a whole
    /// multiple of <see cref="BucketWidth"/> giving 2 to 1000 buckets.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Items each distinct counter (endpoints, user agents, peers) remembers. Default 256; range 8 to 4096. Above the
    /// cap the oldest item is forgotten, so a distinct count never exceeds this value.
    /// </summary>
    public int DistinctCapacity { get; set; } = 256;

    /// <summary>
    /// Endpoints with their own total in the per-endpoint breakdown. Default 32; range 1 to 1024. Later endpoints are
    /// counted in <c>other</c>.
    /// </summary>
    public int EndpointCapacity { get; set; } = 32;

    /// <summary>Peers kept as a readable sample (most recent first). Default 20; range 1 to 256.</summary>
    public int PeerSampleSize { get; set; } = 20;

    /// <summary>Number of buckets in the window.</summary>
    public int BucketCount => (int)(Window.Ticks / BucketWidth.Ticks);
}
