using CsCheck;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Tests.ClientIp;

/// <summary>What no header text can change: the client of an untrusted peer, and that a proxy is never the client.
/// </summary>
public sealed class ClientIpResolverPropertyTests
{
    private static readonly string[] Trusted = ["192.0.2.0/24", "10.0.0.0/8", "2001:db8:ffff::/48"];

    /// <summary>Header-like text: arbitrary strings, and strings made of what forwarded headers are made of.</summary>
    private static readonly Gen<string> HeaderText = Gen.OneOf(
        Gen.String,
        Gen.Char["0123456789.:,;=\"[]_ forFORunknwabcdef\\%"].Array[0, 80].Select(chars => new string(chars)),
        Gen.OneOfConst(
            "192.0.2.7", "10.1.2.3", "::ffff:192.0.2.9", "2001:db8:ffff::5", "203.0.113.51", "[2001:db8::1]:80",
            "unknown", "_hidden", "for=198.51.100.1", "for=\"[2001:db8:ffff::1]\"", "\"", ",", ";", "").Array[0, 8]
            .Select(parts => string.Join(", ", parts)));

    private static readonly Gen<ForwardedHeaderKind> Header =
        Gen.OneOfConst(ForwardedHeaderKind.XForwardedFor, ForwardedHeaderKind.Forwarded, ForwardedHeaderKind.XRealIp);

    /// <summary>Client addresses outside every trusted range, in assorted spellings.</summary>
    private static readonly Gen<(string Written, string Canonical)> Client = Gen.OneOf(
        Gen.Byte.Select(b => ($"203.0.113.{b}", $"203.0.113.{b}")),
        Gen.Byte.Select(b => ($"::ffff:198.51.100.{b}", $"198.51.100.{b}")),
        Gen.UShort[1, ushort.MaxValue].Select(u => ($"[2001:DB8:0:0:0:0:0:{u:x}]:443", $"2001:db8::{u:x}")));

    [Fact]
    public void Resolve_UntrustedPeerAnyHeader_IsThePeer()
    {
        var peer = Parse("203.0.113.50");

        Gen.Select(Header, HeaderText).Sample((header, text) =>
        {
            var result = TestClientIp.Trusting(header, Trusted).Resolve(peer, "203.0.113.50", text);
            return result == new ClientIpResolution("203.0.113.50", ClientIpSource.Peer);
        });
    }

    [Fact]
    public void Resolve_TrustedPeerAnyHeader_NeverThrowsAndNeverNamesATrustedOrUncanonicalAddress()
    {
        var trusted = new TrustedProxies(Trusted);
        var peer = Parse("192.0.2.10");

        Gen.Select(Header, HeaderText, HeaderText).Sample((header, line1, line2) =>
        {
            var result = TestClientIp.Trusting(header, Trusted).Resolve(peer, "192.0.2.10", new([line1, line2]));
            return result.ClientIp is null
                ? result.Source is ClientIpSource.NoClientNamed or ClientIpSource.UnreadableHop
                : result.Source == ClientIpSource.ForwardedHeader
                    && !trusted.Contains(result.ClientIp)
                    && IpAddressCanonicalizer.TryCanonicalize(result.ClientIp, out var canonical, out _)
                    && canonical == result.ClientIp;
        });
    }

    [Fact]
    public void Resolve_TrustedProxyAppendedTheClient_WhateverTheClientWroteBeforeIt()
    {
        var peer = Parse("192.0.2.10");

        Gen.Select(HeaderText, Client, Gen.Bool).Sample((claimed, client, viaAnotherProxy) =>
        {
            var hops = viaAnotherProxy ? ", 10.9.8.7" : string.Empty;
            var xff = TestClientIp.Trusting(ForwardedHeaderKind.XForwardedFor, Trusted)
                .Resolve(peer, "192.0.2.10", $"{claimed}, {client.Written}{hops}");
            var forwarded = TestClientIp.Trusting(ForwardedHeaderKind.Forwarded, Trusted)
                .Resolve(peer, "192.0.2.10", $"{claimed}, for=\"{client.Written}\"{hops.Replace(", ", ", for=")}");
            return xff.ClientIp == client.Canonical && forwarded.ClientIp == client.Canonical;
        });
    }

    private static System.Net.IPAddress Parse(string text)
    {
        Assert.True(IpAddressCanonicalizer.TryParse(text, out var address, out _));
        return address;
    }
}
