namespace Kwaf.Grains.Audit;

/// <summary>The audit log: its buffer, its writer and its store.</summary>
internal sealed class AuditOptions
{
    /// <summary>The configuration section: <c>Kwaf:Audit</c>.</summary>
    public const string SectionName = "Kwaf:Audit";

    /// <summary>
    /// Where records go (<c>Kwaf:Audit:Store</c>): <c>Auto</c> (default: follow <c>Kwaf:Storage:Provider</c>),
    /// <c>Memory</c>, <c>Sqlite</c> or <c>PostgreSql</c>.
    /// </summary>
    public AuditStoreKind Store { get; set; } = AuditStoreKind.Auto;

    /// <summary>
    /// Records waiting for the writer (<c>Kwaf:Audit:BufferCapacity</c>). Default 100,000; range 100 to 10,000,000.
    /// When full, new records are dropped, counted (<c>kwaf.audit.dropped</c>) and logged. The batch being written
    /// is held beside the buffer, so up to <see cref="BatchSize"/> more records can wait.
    /// </summary>
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>Most records per write (<c>Kwaf:Audit:BatchSize</c>). Default 1,000; range 1 to 100,000.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// First wait after a failed write (<c>Kwaf:Audit:RetryMinDelay</c>). Default 500 ms; range 1 ms to 1 minute.
    /// Each further failure doubles it up to <see cref="RetryMaxDelay"/>.
    /// </summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between retries (<c>Kwaf:Audit:RetryMaxDelay</c>). Default 30 s; range
    /// <see cref="RetryMinDelay"/> to 10 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Shortest time between two overflow warnings (<c>Kwaf:Audit:OverflowLogInterval</c>). Default 10 s; range 0 to
    /// 1 hour. Each warning gives the records dropped since the previous one.
    /// </summary>
    public TimeSpan OverflowLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Records the in-memory store keeps (<c>Kwaf:Audit:MemoryCapacity</c>); the oldest go first. Default 100,000;
    /// range 100 to 10,000,000. Used only by the <c>Memory</c> store.
    /// </summary>
    public int MemoryCapacity { get; set; } = 100_000;
}
