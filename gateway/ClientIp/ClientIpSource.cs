namespace Kwaf.Gateway.ClientIp;

/// <summary>Where the client address of an event or check came from, or why there is none.</summary>
internal enum ClientIpSource
{
    /// <summary>The peer is not a trusted proxy: it is the client, and forwarded headers were ignored.</summary>
    Peer,

    /// <summary>The peer is a trusted proxy, and the forwarded header named an untrusted client address.</summary>
    ForwardedHeader,

    /// <summary>Unattributed: a trusted proxy sent no forwarded header, or one that named only trusted hops.</summary>
    NoClientNamed,

    /// <summary>
    /// Unattributed: the nearest hop that is not a trusted proxy was not an address (<c>unknown</c>, an obfuscated
    /// identifier, garbage), so nothing further left in the header can be believed.
    /// </summary>
    UnreadableHop,
}
