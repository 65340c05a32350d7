using System.Net;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Dashboard;

/// <summary>Where the in-process gateway serves the dashboard, per <c>Kwaf:Dashboard</c>.</summary>
public sealed class DashboardEndpointsTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MapKwafDashboard_Defaults_ServesPageUnderDashboard()
    {
        await using var factory = new KwafApiFactory(Start);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/dashboard/index.html");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapKwafDashboard_Disabled_ServesNothing()
    {
        await using var factory = new KwafApiFactory(Start, Settings("Kwaf:Dashboard:Enabled", "false"));
        using var client = factory.CreateClient();

        using var page = await client.GetAsync($"/dashboard/index.html");
        using var counters = await client.GetAsync($"/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, counters.StatusCode);
    }

    [Fact]
    public async Task MapKwafDashboard_CustomRoutePrefix_ServesOnlyThere()
    {
        await using var factory = new KwafApiFactory(Start, Settings("Kwaf:Dashboard:RoutePrefix", "/ops/orleans"));
        using var client = factory.CreateClient();

        using var moved = await client.GetAsync($"/ops/orleans/version");
        using var old = await client.GetAsync($"/dashboard/version");

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
    }

    [Fact]
    public async Task Host_InvalidRoutePrefix_FailsToStartNamingTheKey()
    {
        await using var factory = new KwafApiFactory(Start, Settings("Kwaf:Dashboard:RoutePrefix", "dashboard/"));

        var error = Record.Exception(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Kwaf:Dashboard:RoutePrefix", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapKwafDashboard_BeforeTheFirstRequest_MapsOnlyTheLoader()
    {
        await using var factory = new KwafApiFactory(Start);
        using var client = await factory.CreateReadyClientAsync();

        var before = DashboardRoutes(factory);
        using var response = await client.GetAsync("/dashboard/version");
        var after = DashboardRoutes(factory);

        Assert.Equal("/dashboard/{**path}", Assert.Single(before).RoutePattern.RawText);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(after, e => e.RoutePattern.RawText!.Contains("DashboardCounters", StringComparison.Ordinal));
        Assert.All(after, e => Assert.Contains(
            e.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            data => data.Policy == KwafRoles.AdminPolicy));
    }

    [Fact]
    public async Task MapKwafDashboard_PathTheDashboardDoesNotServe_Answers404BeforeAndAfterLoading()
    {
        await using var factory = new KwafApiFactory(Start);
        using var client = await factory.CreateReadyClientAsync();

        using var first = await client.GetAsync("/dashboard/no-such-page");
        using var second = await client.GetAsync("/dashboard/no-such-page");
        using var page = await client.GetAsync("/dashboard/index.html");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task MapKwafDashboard_RequestWithoutTheAdminRole_IsRefusedAndLoadsNothing()
    {
        var fixture = new SecurityFixture();
        await fixture.InitializeAsync();
        try
        {
            using var anonymous = await fixture.SendAsync(
                SecurityFixture.Request(HttpMethod.Get, "/dashboard/index.html", key: null));
            var readKey = SecurityFixture.KeyOf(KwafRoles.Read);
            using var reader = await fixture.SendAsync(
                SecurityFixture.Request(HttpMethod.Get, "/dashboard/index.html", readKey));

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
            Assert.Single(DashboardRoutes(fixture.Factory));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task MapKwafDashboard_OnceLoaded_StaysOutOfTheOpenApiDocument()
    {
        await using var factory = new KwafApiFactory(Start);
        using var client = await factory.CreateReadyClientAsync();

        using var page = await client.GetAsync("/dashboard/index.html");
        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "OpenAPI document");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/decisions/check", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    /// <summary>The routed endpoints under <c>/dashboard</c> as the gateway's routing sees them now.</summary>
    private static List<RouteEndpoint> DashboardRoutes(KwafApiFactory factory) =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/dashboard", StringComparison.Ordinal) == true),
    ];

    private static Dictionary<string, string?> Settings(string key, string value) => new() { [key] = value };
}
