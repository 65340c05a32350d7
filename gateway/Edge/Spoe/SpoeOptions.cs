namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// The SPOE agent: HAProxy's stream processing offload protocol (SPOP 2.0) over TCP, so that HAProxy can ask kwaf
/// about every request inline. Off unless <see cref="Port"/> is set.
/// </summary>
internal sealed class SpoeOptions
{
    public const string SectionName = "Kwaf:Spoe";

    /// <summary>
    /// The address the agent listens on. Default 127.0.0.1. Any IPv4 or IPv6 address; the protocol has no
    /// authentication, so a non-loopback address belongs only on a network that only the proxies reach.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The TCP port the agent listens on. Default 0: the agent is off. Range 0 to 65535.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The largest frame the agent accepts, in bytes, not counting the 4-byte length; the agent offers the smaller of
    /// this and HAProxy's value in its hello. Default 16380 (HAProxy's default); range 256 to 65532.
    /// </summary>
    public int MaxFrameSize { get; set; } = 16_380;

    /// <summary>
    /// Most connections served at once; a connection past the limit is told "resource allocation error" and closed
    /// (HAProxy then applies its on-error rule). Default 256; range 1 to 10000.
    /// </summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>
    /// A connection that sends no frame for this long is closed with a timeout status. Keep it above the
    /// <c>timeout idle</c> of the spoe-agent section so that HAProxy closes idle connections first. Default 2 minutes;
    /// range 1 second to 1 hour.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
