using System.Net;
using Kwaf.Gateway.Tests.Api;
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

    private static Dictionary<string, string?> Settings(string key, string value) => new() { [key] = value };
}
