namespace Kwaf.Gateway.ClientIp;

/// <summary>
/// Which address is the client: the proxies in front of kwaf that may name it in a forwarded header, and which header
/// they use. An event or check whose peer is not a trusted proxy is attributed to the peer itself.
/// </summary>
internal sealed class ClientIpOptions
{
    public const string SectionName = "Kwaf:ClientIp";

    /// <summary>
    /// Addresses and CIDR ranges of the proxies whose forwarded headers are believed. Default empty: no forwarded
    /// header is believed and every event and check is attributed to its peer address. A range of prefix length 0
    /// (every address) is refused: it would let every client write its own key.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// The one header the trusted proxies name the client in: <c>X-Forwarded-For</c> (default), <c>Forwarded</c>
    /// (RFC 7239, its <c>for=</c> parameter) or <c>X-Real-IP</c>, in any letter case. Only this header is read; the
    /// others are ignored even from a trusted proxy, because a proxy that manages one header passes the others
    /// through as the client wrote them.
    /// </summary>
    public string ForwardedHeader { get; set; } = ForwardedHeaderNames.XForwardedFor;
}
