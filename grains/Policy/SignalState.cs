namespace Kwaf.Grains.Policy;

/// <summary>
/// One detector's memory: its peak points and when they were reached (current points decay from the peak), plus
/// what to report. Persisted, so plain public properties.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.SignalState")]
internal sealed class SignalState
{
    /// <summary>Points at the peak; 0 when the detector never fired.</summary>
    [Id(0)]
    public double PeakPoints { get; set; }

    /// <summary>Event time of the peak.</summary>
    [Id(1)]
    public DateTimeOffset PeakTime { get; set; }

    /// <summary>The count measured when the detector last fired.</summary>
    [Id(2)]
    public long Count { get; set; }

    /// <summary>Event time when the detector last fired.</summary>
    [Id(3)]
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>A sample of what made it fire, at most 200 characters, or null.</summary>
    [Id(4)]
    public string? Evidence { get; set; }
}
