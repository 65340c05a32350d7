using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// One HAProxy Runtime API socket: a Unix socket path (<c>unix:/run/haproxy/admin.sock</c>) or a loopback TCP address
/// (<c>127.0.0.1:9999</c>, <c>[::1]:9999</c>). Only loopback is accepted for TCP: the socket runs at admin level with
/// no authentication, so one reachable from a network would let anyone lift every ban.
/// </summary>
internal sealed record RuntimeApiEndpoint(EndPoint Address, string Text)
{
    private const string UnixPrefix = "unix:";

    /// <summary>Parses a configured endpoint or says why not (the reason completes "RuntimeApi:N ...").</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out RuntimeApiEndpoint? endpoint,
        [NotNullWhen(false)] out string? reason)
    {
        endpoint = null;
        reason = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            var path = trimmed[UnixPrefix.Length..];
            if (path.Length == 0)
            {
                reason = "must give a socket path after 'unix:'";
                return false;
            }

            endpoint = new RuntimeApiEndpoint(new UnixDomainSocketEndPoint(path), trimmed);
            return true;
        }

        if (!IPEndPoint.TryParse(trimmed, out var ip) || ip.Port == 0)
        {
            reason = "must be 'unix:/path/to/admin.sock' or a loopback address with a port such as 127.0.0.1:9999";
            return false;
        }

        if (!IPAddress.IsLoopback(ip.Address))
        {
            reason = $"must be a Unix socket or a loopback address, not {ip.Address}: the Runtime API has no "
                + "authentication and must never be reachable from a network";
            return false;
        }

        endpoint = new RuntimeApiEndpoint(ip, trimmed);
        return true;
    }

    /// <summary>A new unconnected socket for this endpoint.</summary>
    public Socket CreateSocket() =>
        Address is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    public override string ToString() => Text;
}
