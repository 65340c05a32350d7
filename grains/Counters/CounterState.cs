namespace Kwaf.Grains.Counters;

/// <summary>
/// The persisted form of a subject's counters: plain public properties so that both the Orleans serializer and
/// System.Text.Json can store it. Behavior lives in <see cref="SubjectCounters"/>.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.CounterState")]
internal sealed class CounterState
{
    /// <summary>Absolute number (event ticks / bucket width) of the newest bucket; 0 before the first event.</summary>
    [Id(0)]
    public long NewestBucket { get; set; }

    /// <summary>
    /// The ring of bucket counts, one row of <c>bucketCount</c> counts for each <see cref="CounterKind"/> in
    /// <see cref="RowKinds"/>, in kind order: the count of a kind in absolute bucket b is at
    /// <c>row * bucketCount + b % bucketCount</c>, where row is the number of kinds below it in the set. A kind with no
    /// count in the window has no row, so a subject that only ever made plain requests holds one row, not seventeen.
    /// This is the wide form, for a ring where some bucket has counted more than <see cref="ushort.MaxValue"/>; every
    /// other ring is held in <see cref="NarrowBuckets"/>, and at most one of the two is not empty. Empty before the
    /// first event.
    /// </summary>
    [Id(1)]
    public int[] Buckets { get; set; } = [];

    /// <summary>
    /// The ring of bucket counts as <see cref="Buckets"/> describes it, in two bytes a count: half the memory of the
    /// wide form for the subjects that never count 65,536 of one kind in one bucket, which is nearly all of them. The
    /// count that would pass that moves the whole ring to <see cref="Buckets"/>, so no count is ever cut.
    /// </summary>
    [Id(14)]
    public ushort[] NarrowBuckets { get; set; } = [];

    /// <summary>Distinct non-static endpoints.</summary>
    [Id(2)]
    public DistinctSetState Endpoints { get; set; } = new();

    /// <summary>Distinct user agents (a missing agent is not an item).</summary>
    [Id(3)]
    public DistinctSetState UserAgents { get; set; } = new();

    /// <summary>
    /// Distinct peers: user ids of an IP, IPs of a user. Null until the first peer: most addresses never carry a user
    /// id, and an empty set would still cost every one of them an object.
    /// </summary>
    [Id(4)]
    public DistinctSetState? Peers { get; set; }

    /// <summary>Per-endpoint totals since first seen, bounded by the endpoint capacity.</summary>
    [Id(5)]
    public List<EndpointTotal> EndpointTotals { get; set; } = [];

    /// <summary>Events on endpoints that found the per-endpoint table full.</summary>
    [Id(6)]
    public long OtherEndpointEvents { get; set; }

    /// <summary>Events since first seen, including those older than the window.</summary>
    [Id(7)]
    public long TotalEvents { get; set; }

    /// <summary>Non-static events since first seen.</summary>
    [Id(8)]
    public long NonStaticEvents { get; set; }

    /// <summary>The earliest event time seen (events may arrive out of order).</summary>
    [Id(9)]
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>The newest event time seen.</summary>
    [Id(10)]
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>A readable sample of recent peers, most recent first; null until the first peer, like Peers.</summary>
    [Id(11)]
    public List<string>? PeerSample { get; set; }

    /// <summary>Bucket width in ticks the ring was built with; a change of options resets the ring.</summary>
    [Id(12)]
    public long BucketWidthTicks { get; set; }

    /// <summary>
    /// The kinds that have a row in the ring (<see cref="Buckets"/> or <see cref="NarrowBuckets"/>), one bit per
    /// <see cref="CounterKind"/> value. Null in a state stored before rows were sparse, whose <see cref="Buckets"/>
    /// holds a row for every kind (or every kind that existed then); such a state is converted when loaded.
    /// </summary>
    [Id(13)]
    public int? RowKinds { get; set; }

    /// <summary>
    /// The <see cref="StableHash.Version"/> of the hashes in <see cref="Endpoints"/>, <see cref="UserAgents"/>,
    /// <see cref="Peers"/> and <see cref="LoginFailurePeers"/>; 0 in a state stored before versions were kept.
    /// </summary>
    [Id(15)]
    public byte HashVersion { get; set; }

    /// <summary>
    /// Distinct peers of failed logins (401 or 403 on a login-like endpoint): the user ids an IP failed to log in as,
    /// the IPs that failed to log in as a user. Null until the first such failure, which most subjects never have.
    /// </summary>
    [Id(16)]
    public DistinctSetState? LoginFailurePeers { get; set; }
}
