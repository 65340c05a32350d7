namespace Kwaf.Gateway.Syslog;

/// <summary>
/// The syslog listener: access-log records that nginx or HAProxy send over syslog (UDP, or TCP framed by RFC 6587
/// octet counting or by newlines) become events, like the items of <c>POST /events</c>.
/// </summary>
internal sealed class SyslogOptions
{
    public const string SectionName = "Kwaf:Syslog";

    /// <summary>
    /// The local address both listeners bind to. Default <c>127.0.0.1</c>; any IPv4 or IPv6 address of this host, or
    /// <c>0.0.0.0</c> / <c>::</c> for all (then list the senders in <see cref="AllowedSources"/>).
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>UDP port of the listener. Default 0 (no UDP listener); range 0 to 65535.</summary>
    public int UdpPort { get; set; }

    /// <summary>TCP port of the listener. Default 0 (no TCP listener); range 0 to 65535.</summary>
    public int TcpPort { get; set; }

    /// <summary>
    /// Addresses or CIDR ranges whose datagrams and connections are taken; any other sender is refused and counted.
    /// Default: loopback only (<c>127.0.0.0/8</c> and <c>::1</c>), which applies when the list is empty.
    /// </summary>
    public string[] AllowedSources { get; set; } = [];

    /// <summary>
    /// Largest syslog message (one datagram or one TCP frame, header included), in bytes. Default 65535; range 480 to
    /// 1048576. A longer message is counted as oversized and skipped.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 65_535;

    /// <summary>
    /// Most TCP connections served at once; one more is closed at once and counted. Default 64; range 1 to 10000.
    /// </summary>
    public int MaxTcpConnections { get; set; } = 64;

    /// <summary>The sources that apply when <see cref="AllowedSources"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultAllowedSources { get; } = ["127.0.0.0/8", "::1"];

    /// <summary>The configured sources, or <see cref="DefaultAllowedSources"/> when none are configured.</summary>
    public IReadOnlyList<string> EffectiveAllowedSources =>
        AllowedSources is { Length: > 0 } sources ? sources : DefaultAllowedSources;
}
