namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// How the gateway keeps HAProxy's maps equal to the decisions in force, through HAProxy's Runtime API; section
/// <c>Kwaf:HAProxy</c>. Off while <see cref="RuntimeApi"/> is empty (the default).
/// </summary>
internal sealed class HAProxyOptions
{
    public const string SectionName = "Kwaf:HAProxy";

    /// <summary>
    /// The Runtime API sockets of the HAProxy processes to feed (<c>Kwaf:HAProxy:RuntimeApi:0</c>, ...): either
    /// <c>unix:/path/admin.sock</c> or a loopback TCP address such as <c>127.0.0.1:9999</c> or <c>[::1]:9999</c>.
    /// Default empty (the feature is off). A TCP address outside 127.0.0.0/8 and ::1 is refused: the Runtime API
    /// runs at admin level, unauthenticated, and must never be reachable from a network.
    /// </summary>
    public List<string> RuntimeApi { get; set; } = [];

    /// <summary>
    /// The map of client addresses and networks, named exactly as <c>haproxy.cfg</c> names it after variable
    /// expansion, for example <c>/var/lib/haproxy/kwaf-ips.map</c> (<c>Kwaf:HAProxy:IpMap</c>). Default empty;
    /// required when <see cref="RuntimeApi"/> is set; no whitespace.
    /// </summary>
    public string IpMap { get; set; } = string.Empty;

    /// <summary>
    /// The map of user ids, named as <c>haproxy.cfg</c> names it (<c>Kwaf:HAProxy:UserMap</c>). Default empty;
    /// required when <see cref="RuntimeApi"/> is set; no whitespace; different from <see cref="IpMap"/>.
    /// </summary>
    public string UserMap { get; set; } = string.Empty;

    /// <summary>
    /// The stick table (the name of the <c>backend</c> section declaring it in haproxy.cfg) that holds policy blocks
    /// of single client addresses with their end, so that HAProxy lifts them on time by itself, also while kwaf is
    /// down (<c>Kwaf:HAProxy:BlockTable</c>). Default <c>kwaf_blocks</c>, as in docker/haproxy/haproxy.cfg; no
    /// whitespace. Set it and <see cref="ThrottleTable"/> to empty to keep those bans in the address map (for a
    /// configuration without the tables).
    /// </summary>
    public string BlockTable { get; set; } = "kwaf_blocks";

    /// <summary>
    /// The stick table of policy throttles of single client addresses (<c>Kwaf:HAProxy:ThrottleTable</c>). Default
    /// <c>kwaf_throttles</c>; no whitespace; empty exactly when <see cref="BlockTable"/> is, and different from it.
    /// </summary>
    public string ThrottleTable { get; set; } = "kwaf_throttles";

    /// <summary>
    /// How often the gateway asks each HAProxy whether it was reloaded or restarted (its process id and start time
    /// changed), after which it loads the maps again in full (<c>Kwaf:HAProxy:ResyncCheckInterval</c>). Also the
    /// delay before a failed push is tried again. Default 1 s; valid 100 ms to 1 min. With the default, a reloaded
    /// HAProxy enforces the decisions again within about 1 s.
    /// </summary>
    public TimeSpan ResyncCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long connecting to a Runtime API socket may take (<c>Kwaf:HAProxy:ConnectTimeout</c>). Default 1 s;
    /// valid 10 ms to 30 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one exchange with HAProxy (a full load or one batch of changes, after connecting) may take
    /// (<c>Kwaf:HAProxy:CommandTimeout</c>). Default 5 s; valid 100 ms to 5 min.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While an HAProxy stays unreachable or refuses changes, at most one warning per this interval
    /// (<c>Kwaf:HAProxy:FailureLogInterval</c>); the first failure and the recovery are always logged. Default 30 s;
    /// valid 1 s to 1 h.
    /// </summary>
    public TimeSpan FailureLogInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether policy bans of single addresses go to the stick tables.</summary>
    public bool UsesTables => BlockTable.Length > 0;

    /// <summary>Whether the feature is on: at least one Runtime API socket is configured.</summary>
    public bool Enabled => RuntimeApi.Count > 0;
}
