namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>How the gateway keeps its decision cache in step with the board; section <c>Kwaf:Decisions</c>.</summary>
internal sealed class DecisionCacheOptions
{
    public const string SectionName = "Kwaf:Decisions";

    /// <summary>
    /// How often the cache asks the board for changes besides the pushed ones (<c>Kwaf:Decisions:PollInterval</c>).
    /// Default 500 ms; valid 10 ms to 1 s, so that a change whose push was lost still arrives within a second.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the cache renews its subscription to pushed changes
    /// (<c>Kwaf:Decisions:SubscriptionRenewInterval</c>). Default 30 s; valid 1 s to 50 s (the board drops
    /// subscriptions not renewed within a minute).
    /// </summary>
    public TimeSpan SubscriptionRenewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the board pushes changes to this gateway as they happen (<c>Kwaf:Decisions:Push</c>). Default true.
    /// Turned off, the cache follows by polling alone, so a change still arrives within
    /// <see cref="PollInterval"/>; the switch exists to prove exactly that, and for networks that drop callbacks.
    /// </summary>
    public bool Push { get; set; } = true;

    /// <summary>
    /// How long a proxy may cache a check answer (<c>Kwaf:Decisions:ProxyCacheLifetime</c>), sent as
    /// <c>X-Accel-Expires</c> (whole seconds) and <c>Cache-Control: max-age</c>. Default 1 s; valid 0 (no caching) to
    /// 2 s, so that a lifted block never outlives the propagation bound in a proxy's cache. It is never the
    /// remaining time of a block.
    /// </summary>
    public TimeSpan ProxyCacheLifetime { get; set; } = TimeSpan.FromSeconds(1);
}
