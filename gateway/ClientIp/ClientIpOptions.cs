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
    /// header is believed and every event and check is attributed to its peer address.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];
}
