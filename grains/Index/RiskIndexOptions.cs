namespace Kwaf.Grains.Index;

/// <summary>Settings of the risk index grain, section <c>Kwaf:Index</c>.</summary>
internal sealed class RiskIndexOptions
{
    public const string SectionName = "Kwaf:Index";

    /// <summary>
    /// Most entries the index holds (<c>Kwaf:Index:Capacity</c>). Default 10,000; valid 1 to 1,000,000. When full,
    /// the least risky entry is evicted.
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// How often changed entries are written to storage (<c>Kwaf:Index:FlushInterval</c>). Default 5 seconds; valid
    /// 1 second to 5 minutes. A crash loses at most this much of the index; subjects re-enter at their next update.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
