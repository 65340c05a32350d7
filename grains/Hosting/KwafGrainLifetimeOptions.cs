namespace Kwaf.Grains.Hosting;

/// <summary>How long idle grains stay in memory.</summary>
internal sealed class KwafGrainLifetimeOptions
{
    /// <summary>The configuration section: <c>Kwaf:Grains</c>.</summary>
    public const string SectionName = "Kwaf:Grains";

    /// <summary>
    /// Idle time after which a grain is deactivated (<c>Kwaf:Grains:IdleDeactivation</c>, a TimeSpan such as
    /// <c>00:15:00</c>). Default 15 minutes. Longer than 1 minute, Orleans' collection quantum.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(15);
}
