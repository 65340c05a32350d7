namespace Kwaf.Grains.Hosting;

/// <summary>
/// Identity of the Orleans cluster and of the service whose grain state it stores, its membership provider and its
/// failure detection. The failure detection defaults evict a silo that died without warning in about 6 seconds
/// (two missed probes of 2 seconds, then two votes) and let a call in flight to it fail after 10 seconds, so every
/// call succeeds again within about 15 seconds of a crash. Shorter values suit tests on one machine, not busy small
/// production machines, where a long garbage collection pause could get a healthy silo evicted.
/// </summary>
internal sealed class KwafClusterOptions
{
    /// <summary>The configuration section: <c>Kwaf:Cluster</c>.</summary>
    public const string SectionName = "Kwaf:Cluster";

    /// <summary>
    /// Orleans ClusterId (<c>Kwaf:Cluster:ClusterId</c>). Default <c>kwaf</c>. Not empty. Silos with the same
    /// ClusterId form one cluster; it is not part of stored grain keys.
    /// </summary>
    public string ClusterId { get; set; } = "kwaf";

    /// <summary>
    /// Orleans ServiceId (<c>Kwaf:Cluster:ServiceId</c>). Default <c>kwaf</c>. Not empty. It is part of every
    /// stored grain key: changing it makes all existing grain state invisible, so set it once.
    /// </summary>
    public string ServiceId { get; set; } = "kwaf";

    /// <summary>
    /// Membership provider (<c>Kwaf:Cluster:Membership</c>): <c>Localhost</c> (default; one silo) or <c>Redis</c>
    /// (several silos and external gateways; needs <c>ConnectionStrings:Redis</c>).
    /// </summary>
    public KwafClusteringMembership Membership { get; set; } = KwafClusteringMembership.Localhost;

    /// <summary>
    /// How long a silo waits for a liveness probe answer (<c>Kwaf:Cluster:ProbeTimeout</c>). Default 2 s; valid
    /// 100 ms to 1 min. Redis membership only.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Missed probes after which a silo suspects another (<c>Kwaf:Cluster:MissedProbesLimit</c>). Default 2;
    /// valid 1 to 10. Redis membership only.
    /// </summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Suspicions needed to declare a silo dead (<c>Kwaf:Cluster:VotesForDeath</c>). Default 2; valid 1 to 10.
    /// Orleans asks for no more votes than there are other live silos. Redis membership only.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>
    /// How long a grain call waits for its answer before it fails (<c>Kwaf:Cluster:ResponseTimeout</c>), on silos
    /// and on gateways in client mode. Default 10 s; valid 1 s to 5 min. It bounds how long calls that were in
    /// flight to a silo that died keep waiting. Redis membership only.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a gateway in client mode re-reads the silo list from Redis
    /// (<c>Kwaf:Cluster:GatewayListRefreshPeriod</c>), so that it also connects to silos that joined later.
    /// Default 10 s; valid 1 s to 10 min.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);
}
