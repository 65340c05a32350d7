using System.Net;

namespace Kwaf.Gateway.Tests.Api;

public sealed class HealthEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Live_RunningGateway_Answers200()
    {
        using var response = await fixture.Client.GetAsync($"/health/live");

        var body = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "live");
        Assert.Equal("live", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_CacheLoaded_Answers200()
    {
        using var response = await fixture.Client.GetAsync($"/health/ready");

        var body = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "ready");
        Assert.Equal("ready", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/events", "post")]
    [InlineData("/createEvent", "post")]
    [InlineData("/events/stats", "get")]
    [InlineData("/ratings", "get")]
    [InlineData("/decisions/check", "get")]
    [InlineData("/decisions", "get")]
    [InlineData("/decisions", "post")]
    [InlineData("/decisions/{id}", "delete")]
    [InlineData("/health/live", "get")]
    [InlineData("/health/ready", "get")]
    public async Task OpenApi_Document_ListsEndpoint(string route, string method)
    {
        using var response = await fixture.Client.GetAsync($"/openapi/v1.json");

        var document = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "OpenAPI document");
        Assert.True(
            document.GetProperty("paths").TryGetProperty(route, out var path) && path.TryGetProperty(method, out _),
            $"OpenAPI document lacks {method} {route}");
    }
}
