using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.Dashboard;

/// <summary>
/// One gateway process (co-hosted silo, dashboard on by default) shared by the dashboard's browser tests, with a
/// client IP grain and a user grain brought to life by events, and the dashboard's counters already listing them.
/// </summary>
public sealed class DashboardGatewayFixture : IAsyncLifetime
{
    public const string Ip = "198.51.100.77";
    public const string UserId = "u-dashboard";

    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    private readonly TempFolder _data = new();
    private GatewayProcess? _gateway;

    /// <summary>The gateway's HTTP client, based at its loopback address.</summary>
    internal HttpClient Client => (_gateway ?? throw new InvalidOperationException("The fixture did not start."))
        .Client;

    /// <summary>The dashboard page, as an operator opens it.</summary>
    internal Uri DashboardPage => new(Client.BaseAddress!, "/dashboard/");

    public async Task InitializeAsync()
    {
        _gateway = await GatewayProcess.StartAsync(_data.Path, new Dictionary<string, string>());
        var events = Enumerable.Repeat(TestEvents.Event(null, Ip, "POST", "/login", 401, userId: UserId), 3);
        using var response = await Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await ApiCalls.EventuallyAsync(
            () => DashboardListsAsync("Kwaf.Grains.Subjects.ClientIpGrain", "Kwaf.Grains.Subjects.UserGrain"),
            Propagation,
            "dashboard counters listing the client IP and user grains");
    }

    /// <summary>GET a dashboard JSON endpoint; the answer must be 200.</summary>
    internal async Task<JsonElement> GetDashboardJsonAsync(string endpoint)
    {
        using var response = await Client.GetAsync(new Uri("/dashboard/" + endpoint, UriKind.Relative))
            .WaitAsync(KwafApiFactory.CallTimeout);
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"dashboard endpoint {endpoint}");
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        _data.Dispose();
    }

    private async Task<bool> DashboardListsAsync(params string[] grainTypes)
    {
        var counters = await GetDashboardJsonAsync("DashboardCounters");
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stat in counters.GetProperty("simpleGrainStats").EnumerateArray())
        {
            listed.Add(stat.GetProperty("grainType").GetString() ?? string.Empty);
        }

        return grainTypes.All(listed.Contains);
    }
}
