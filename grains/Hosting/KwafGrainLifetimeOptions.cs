namespace Kwaf.Grains.Hosting;

/// <summary>How long idle grains stay in memory, and how many rated subjects a silo keeps active at most.</summary>
internal sealed class KwafGrainLifetimeOptions
{
    /// <summary>The configuration section: <c>Kwaf:Grains</c>.</summary>
    public const string SectionName = "Kwaf:Grains";

    /// <summary>Smallest accepted <see cref="MaxActiveSubjects"/>.</summary>
    public const int MinActiveSubjects = 100;

    /// <summary>Largest accepted <see cref="MaxActiveSubjects"/>.</summary>
    public const int MaxActiveSubjectsLimit = 50_000_000;

    /// <summary>
    /// Idle time after which a grain is deactivated (<c>Kwaf:Grains:IdleDeactivation</c>, a TimeSpan such as
    /// <c>00:15:00</c>). Default 15 minutes. Longer than 1 minute, Orleans' collection quantum. A subject grain also
    /// leaves memory on its own once it has taken no events for this long by the host's clock, unless it holds a
    /// decision in force.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Most rated subjects (client IPs, networks, user ids) active on one silo at once
    /// (<c>Kwaf:Grains:MaxActiveSubjects</c>). Default 100,000 (about 1.1 GB at most: the benchmark measures about
    /// 11 KB of working set per active subject, Orleans' activation and uncollected garbage included); range
    /// 100 to 50,000,000. Single addresses and user ids may fill 90% of it; the last 10% is kept for network
    /// aggregates (IPv4 /24, IPv6 /64), into which events of new addresses are folded once the single subjects are
    /// full.
    /// </summary>
    public int MaxActiveSubjects { get; set; } = 100_000;
}
