using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kwaf.Gateway.Tests.Api;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>Without API keys, loopback clients are served with every role and every other client is refused.</summary>
public sealed class LoopbackOnlyTests(LoopbackOnlyFixture fixture) : IClassFixture<LoopbackOnlyFixture>
{
    [Theory]
    [InlineData("GET", "/decisions/check?ip=203.0.113.90")]
    [InlineData("GET", "/audit")]
    [InlineData("POST", "/decisions")]
    [InlineData("GET", "/dashboard/")]
    public async Task Endpoint_PeerOnAnotherHost_Answers403SayingHowToConfigureKeys(string method, string route)
    {
        using var response = await fixture.SendAsync(SecurityFixture.Request(new HttpMethod(method), route, null));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Forbidden, $"{method} {route} remote");
        Assert.Equal("no-api-keys-configured", problem.GetProperty("reason").GetString());
        Assert.Contains("Kwaf:Security:ApiKeys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_PeerOnAnotherHostWithAnyBasicPassword_Answers403()
    {
        var request = SecurityFixture.Request(HttpMethod.Get, "/dashboard/", null);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        using var response = await fixture.SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Forbidden, "dashboard, remote, guessed");
        Assert.Equal("no-api-keys-configured", problem.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("127.0.0.2")]
    public async Task Audit_LoopbackPeer_IsServed(string? peer)
    {
        using var response = await fixture.SendAsync(SecurityFixture.Request(HttpMethod.Get, "/audit", null, peer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_PeerOnAnotherHost_IsServed()
    {
        using var response = await fixture.SendAsync(SecurityFixture.Request(HttpMethod.Get, "/health/ready", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Start_NoKeys_WarnsThatOnlyLoopbackIsServed()
    {
        var entries = fixture.Logs.Entries;

        var warning = Assert.Single(entries, e => e.EventId.Name == "LoopbackClientsOnly");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(5301, warning.EventId.Id);
    }
}
