namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// An <see cref="NginxEdge"/> whose gateway trusts 127.0.0.9 as a proxy in front of nginx (a CDN edge, played by a
/// client connecting from that address); every other client address is untrusted.
/// </summary>
public sealed class NginxTrustedCdnFixture : IAsyncLifetime
{
    public const int CdnOctet = 9;

    private NginxEdge? _edge;

    internal NginxEdge Edge => _edge ?? throw new InvalidOperationException("The edge stack has not started.");

    public async Task InitializeAsync() => _edge = await NginxEdge.StartAsync(
        kwafSettings: new Dictionary<string, string>
        {
            ["Kwaf:ClientIp:TrustedProxies:0"] = LoopbackClient.Address(CdnOctet) + "/32",
        });

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }
}
