using System.Net;
using System.Text;

namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// The nginx template passes X-Forwarded-For to kwaf as nginx received it, in the log line and in the check; kwaf
/// believes it only from a trusted proxy. A client that writes its own header cannot choose its key; a trusted CDN
/// edge names its clients, and one client's block through the CDN does not deny the CDN's other clients.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class NginxForwardedForTests(NginxTrustedCdnFixture fixture) : IClassFixture<NginxTrustedCdnFixture>
{
    // Not a latency bound (NginxEnforcementTests holds that): long enough to outlast the template's 10 s fail-open
    // window, which a check slower than 300 ms on a loaded machine opens.
    private static readonly TimeSpan DeniedWithin = TimeSpan.FromSeconds(30);

    private NginxEdge Edge => fixture.Edge;

    [Fact]
    public async Task PostLogin_ClientRotatingItsOwnForwardedFor_BlockedOnItsAddressAndClaimsNeverRated()
    {
        using var client = Edge.Client(21);

        for (var n = 1; n <= 12; n++)
        {
            await SendLoginAsync(client, $"198.51.100.{n}");
        }

        await Edge.UntilStatusAsync(client, "/products", HttpStatusCode.Forbidden, DeniedWithin);
        var claimed = new List<HttpStatusCode>();
        for (var n = 1; n <= 12; n++)
        {
            claimed.Add(await RatingStatusAsync($"198.51.100.{n}"));
        }

        Assert.Equal(HttpStatusCode.OK, await RatingStatusAsync(LoopbackClient.Address(21)));
        Assert.All(claimed, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    [Fact]
    public async Task PostLogin_ThroughTrustedCdn_BlocksTheNamedClientOnlyAndNeverTheCdn()
    {
        using var cdn = Edge.Client(NginxTrustedCdnFixture.CdnOctet);

        for (var n = 0; n < 12; n++)
        {
            await SendLoginAsync(cdn, "198.51.100.200, 203.0.113.90");
        }

        await UntilStatusAsync(cdn, "198.51.100.200, 203.0.113.90", HttpStatusCode.Forbidden);
        using var other = await GetAsync(cdn, "203.0.113.91");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await RatingStatusAsync("203.0.113.90"));
        Assert.Equal(HttpStatusCode.NotFound, await RatingStatusAsync("198.51.100.200"));
        var cdnAddress = LoopbackClient.Address(NginxTrustedCdnFixture.CdnOctet);
        Assert.Equal(HttpStatusCode.NotFound, await RatingStatusAsync(cdnAddress));
    }

    private static async Task SendLoginAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new StringContent("user=bob&password=wrong", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(
            response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden,
            $"POST /login through nginx answered {response.StatusCode}");
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/products", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static Task UntilStatusAsync(HttpClient client, string forwardedFor, HttpStatusCode status) =>
        Cluster.Polling.UntilAnsweredAsync(
            async () =>
            {
                using var response = await GetAsync(client, forwardedFor);
                return response.StatusCode == status;
            },
            DeniedWithin,
            $"/products through nginx for X-Forwarded-For {forwardedFor} answering {status}");

    private async Task<HttpStatusCode> RatingStatusAsync(string ip)
    {
        using var response = await Edge.Kwaf.Client.GetAsync($"/ratings?ip={ip}");
        return response.StatusCode;
    }
}
