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
    /// Most events taken into one dispatch round; each round sends one call per subject. Default 10,000; range 1 to
    /// 1,000,000.
    /// </summary>
    public int MaxEventsPerDispatch { get; set; } = 10_000;

    /// <summary>
    /// How long a dispatch round waits for its slowest subject before the dispatcher goes on with the next round
    /// (<c>Kwaf:Pipeline:MaxRoundWait</c>). Default 250 ms; range 10 ms to 10 s. A subject whose activation waits on a
    /// slow or locked store then holds back only its own events, not everyone's.
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
}
