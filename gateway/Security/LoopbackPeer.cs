using System.Net;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Whether a connection comes from this host. Only the TCP peer counts: a forwarded header is written by whoever
/// sends the request, so it can never make a caller local.
/// </summary>
internal static class LoopbackPeer
{
    /// <summary>
    /// True for 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms; false for no address (a connection whose peer is
    /// unknown is not trusted).
    /// </summary>
    public static bool Is(IPAddress? address) => address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6
        ? address.MapToIPv4()
        : address);

    public static bool Is(HttpContext context) => Is(context.Connection.RemoteIpAddress);
}
