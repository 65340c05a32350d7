namespace Kwaf.Grains.Hosting;

/// <summary>
/// The Orleans dashboard for operators: silos, grain types, activations and call rates. It has no port of its own:
/// the gateway serves it under <see cref="RoutePrefix"/> on its own HTTP address, which defaults to 127.0.0.1.
/// </summary>
internal sealed class KwafDashboardOptions
{
    /// <summary>The configuration section: <c>Kwaf:Dashboard</c>.</summary>
    public const string SectionName = "Kwaf:Dashboard";

    /// <summary>The route prefix used when none is configured.</summary>
    public const string DefaultRoutePrefix = "/dashboard";

    /// <summary>
    /// Whether silos collect dashboard data and the gateway serves the dashboard (<c>Kwaf:Dashboard:Enabled</c>).
    /// Default true. The dashboard adds a profiling filter to every grain call, so turning it off saves CPU.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the gateway serves the dashboard (<c>Kwaf:Dashboard:RoutePrefix</c>). Default <c>/dashboard</c>.
    /// Must start with <c>/</c>, must not be <c>/</c> alone or end with <c>/</c>, and may hold only letters, digits
    /// and <c>/ - _ .</c>.
    /// </summary>
    public string RoutePrefix { get; set; } = DefaultRoutePrefix;

    /// <summary>
    /// Whether the dashboard's live log stream is turned off (<c>Kwaf:Dashboard:HideTrace</c>). Default true: the
    /// stream would show application logs, which may carry client addresses at Debug level, to anyone who can
    /// reach the dashboard.
    /// </summary>
    public bool HideTrace { get; set; } = true;

    /// <summary>
    /// How often silos sample the dashboard's counters (<c>Kwaf:Dashboard:CounterUpdateInterval</c>). Default
    /// 00:00:01. Range 1 second to 1 minute, in whole milliseconds.
    /// </summary>
    public TimeSpan CounterUpdateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
