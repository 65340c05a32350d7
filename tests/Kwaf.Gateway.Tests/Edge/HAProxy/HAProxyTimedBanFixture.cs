using System.Globalization;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>The HAProxy edge with short policy blocks, so that a timed ban ends within a test.</summary>
public sealed class HAProxyTimedBanFixture : HAProxyEdgeFixture
{
    /// <summary>
    /// Every policy block, and every throttle the rating may pass through on its way up, lasts this long (one step,
    /// whatever the offence count).
    /// </summary>
    public static readonly TimeSpan BlockDuration = TimeSpan.FromSeconds(10);

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Kwaf:Policy:BlockDurations:0"] = BlockDuration.ToString("c", CultureInfo.InvariantCulture);
        settings["Kwaf:Policy:ThrottleDurations:0"] = BlockDuration.ToString("c", CultureInfo.InvariantCulture);
    }
}
