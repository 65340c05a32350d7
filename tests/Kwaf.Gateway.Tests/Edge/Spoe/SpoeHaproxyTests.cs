using System.Net;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>
/// HAProxy 2.6 asking the gateway's SPOE agent about every request (docker/haproxy/haproxy-spoe.cfg): decisions
/// made through the API reach the proxy within the propagation bound. Client addresses 127.0.0.60-69.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class SpoeHaproxyTests(SpoeEdgeFixture fixture) : IClassFixture<SpoeEdgeFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    private SpoeEdge Edge => fixture.Edge;

    [Fact]
    public async Task Request_NoDecision_Served()
    {
        using var client = Edge.Client(60);
        var checksBefore = (await Edge.StatsAsync()).GetProperty("checks").GetInt64();

        using var response = await SpoeEdge.SendAsync(client, "/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(
            (await Edge.StatsAsync()).GetProperty("checks").GetInt64() > checksBefore,
            "the request was served without asking the agent");
    }

    [Fact]
    public async Task Request_IpBlockedByHand_DeniedWith403AndRetryAfter()
    {
        using var client = Edge.Client(61);
        await Edge.StatusEventuallyAsync(client, HttpStatusCode.OK, Propagation);

        await Edge.DecideAsync("ip", LoopbackClient.Address(61), "block");

        await Edge.StatusEventuallyAsync(client, HttpStatusCode.Forbidden, Propagation);
        using var response = await SpoeEdge.SendAsync(client, "/products");
        var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0;
        Assert.InRange(retryAfter, 1, 120);
    }

    [Fact]
    public async Task Request_IpThrottledByHand_DeniedWith429()
    {
        using var client = Edge.Client(62);

        await Edge.DecideAsync("ip", LoopbackClient.Address(62), "throttle");

        await Edge.StatusEventuallyAsync(client, HttpStatusCode.TooManyRequests, Propagation);
    }

    [Fact]
    public async Task Request_BearerUserBlocked_DeniedForThatUserOnly()
    {
        using var client = Edge.Client(63);
        const string user = "mallory-spoe";

        await Edge.DecideAsync("userId", user, "block");

        await Edge.StatusEventuallyAsync(client, HttpStatusCode.Forbidden, Propagation, "/account", bearer: user);
        using var anonymous = await SpoeEdge.SendAsync(client, "/account");
        using var otherUser = await SpoeEdge.SendAsync(client, "/account", bearer: "alice-spoe");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Request_BlockLifted_ServedAgain()
    {
        using var client = Edge.Client(64);
        var id = await Edge.DecideAsync("ip", LoopbackClient.Address(64), "block");
        await Edge.StatusEventuallyAsync(client, HttpStatusCode.Forbidden, Propagation);

        using var lifted = await Edge.Gateway.Client.DeleteAsync(new Uri("/decisions/" + id, UriKind.Relative));

        Assert.True(lifted.IsSuccessStatusCode, $"lifting the block answered {lifted.StatusCode}");
        await Edge.StatusEventuallyAsync(client, HttpStatusCode.OK, Propagation);
    }
}
