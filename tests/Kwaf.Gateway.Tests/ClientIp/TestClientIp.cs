using Kwaf.Gateway.ClientIp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kwaf.Gateway.Tests.ClientIp;

/// <summary>Client-address resolvers for unit tests.</summary>
internal static class TestClientIp
{
    /// <summary>The default: no proxy is trusted, every peer is its own client.</summary>
    public static ClientIpResolver NoTrustedProxy { get; } = Trusting(ForwardedHeaderKind.XForwardedFor);

    public static ClientIpResolver Trusting(ForwardedHeaderKind header, params string[] trustedProxies) =>
        new(new TrustedProxies(trustedProxies), header, NullLogger<ClientIpResolver>.Instance);
}
