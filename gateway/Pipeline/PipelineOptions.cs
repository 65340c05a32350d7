namespace Kwaf.Gateway.Pipeline;

/// <summary>How accepted events travel from the gateway to the subject grains.</summary>
internal sealed class PipelineOptions
{
    public const string SectionName = "Kwaf:Pipeline";

    /// <summary>
    /// Events the pipeline holds, waiting or in delivery to their grains, before ingestion refuses more. Default
    /// 100,000; range 1,000 to 10,000,000. A refused event is counted as dropped and reported to the sender (503 over
    /// HTTP).
    /// </summary>
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>
    /// Most events taken into one dispatch round; each round sends one call per subject, carrying all of that
    /// subject's events in the round. Default 50,000 (half the default buffer, so that senders fill the other half
    /// while a round is out); range 1 to 1,000,000. A round takes only what is waiting, so this matters only under
    /// load, where larger rounds mean more events per call: on a 2-core machine 50,000 took about a third off the CPU
    /// per event of 10,000.
    /// </summary>
    public int MaxEventsPerDispatch { get; set; } = 50_000;

    /// <summary>
    /// How long the dispatcher waits, once events are waiting, for more to join them before it sends a round
    /// (<c>Kwaf:Pipeline:DispatchWindow</c>). Default 5 ms; range 0 (send at once) to 1 s. Events for one subject that
    /// arrive within the window travel in one grain call instead of one each, which is what makes a trickle of small
    /// posts or syslog datagrams cheap; the window is skipped when a full round (<see cref="MaxEventsPerDispatch"/>) is
    /// already waiting. Every event, the one that crosses a block threshold included, reaches its subject up to this
    /// much later.
    /// </summary>
    public TimeSpan DispatchWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// How long a dispatch round waits without any of its calls completing before the dispatcher goes on with the
    /// next round (<c>Kwaf:Pipeline:MaxRoundWait</c>). Default 250 ms; range 10 ms to 10 s. A subject whose activation
    /// waits on a slow or locked store then holds back only its own events, not everyone's, while a large round that
    /// is merely busy is waited for.
    /// </summary>
    public TimeSpan MaxRoundWait { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an HTTP sender waits for room in a full buffer before its events are dropped. Default 1 s; range 0 to
    /// 30 s.
    /// </summary>
    public TimeSpan FullBufferWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// IPv6 client addresses are rated per prefix of this length: 128 (default) rates each address on its own; 64
    /// aggregates every address of a /64 into one subject. Range 32 to 128.
    /// </summary>
    public int Ipv6SubjectPrefixLength { get; set; } = 128;

    /// <summary>
    /// The network an IPv4 client is folded into when its silo holds <c>Kwaf:Grains:MaxActiveSubjects</c> subjects
    /// and the client is not among them (<c>Kwaf:Pipeline:Ipv4AggregatePrefixLength</c>). Default 24; range 8 to 31.
    /// </summary>
    public int Ipv4AggregatePrefixLength { get; set; } = 24;

    /// <summary>
    /// The network an IPv6 client is folded into at the cap, and the network <see cref="RateIpv6Networks"/> rates
    /// (<c>Kwaf:Pipeline:Ipv6AggregatePrefixLength</c>). Default 64; range 32 to 127.
    /// </summary>
    public int Ipv6AggregatePrefixLength { get; set; } = 64;

    /// <summary>
    /// Also rate every IPv6 client's network of <see cref="Ipv6AggregatePrefixLength"/> bits as a subject of its own,
    /// beside the address (<c>Kwaf:Pipeline:RateIpv6Networks</c>). Default false. With it, an attacker who sends each
    /// request from a fresh address of one /64 is rated and blocked as that /64, and a decision on the network
    /// applies to every address inside it; each IPv6 event then costs two subject calls instead of one.
    /// </summary>
    public bool RateIpv6Networks { get; set; }
}
