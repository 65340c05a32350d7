using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Syslog;

/// <summary>
/// One gateway with both syslog listeners on free loopback ports, taking messages only from 127.0.0.1, with a 2 KiB
/// message limit, on a fake clock stopped at <see cref="Start"/>. Tests use addresses of their own.
/// </summary>
public sealed class SyslogFixture : IAsyncLifetime
{
    public const int MaxMessageBytes = 2048;

    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly KwafApiFactory _factory;

    public SyslogFixture()
    {
        var ports = LoopbackPorts.FindFree(2);
        UdpPort = ports[0];
        TcpPort = ports[1];
        _factory = new KwafApiFactory(Start, new Dictionary<string, string?>
        {
            ["Kwaf:Syslog:UdpPort"] = UdpPort.ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Syslog:TcpPort"] = TcpPort.ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Syslog:AllowedSources:0"] = "127.0.0.1/32",
            ["Kwaf:Syslog:MaxMessageBytes"] = MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
        });
    }

    public int UdpPort { get; }

    public int TcpPort { get; }

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>The syslog block of GET /events/stats.</summary>
    public async Task<JsonElement> SyslogStatsAsync()
    {
        using var response = await Client.GetAsync($"/events/stats");
        var stats = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "ingestion stats");
        return stats.GetProperty("syslog");
    }

    /// <summary>Events rated for <paramref name="ip"/> so far (0 when the address is unknown).</summary>
    public async Task<long> TotalEventsAsync(string ip)
    {
        using var response = await Client.GetAsync($"/ratings?ip={ip}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return 0;
        }

        var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {ip}");
        return rating.GetProperty("totalEvents").GetInt64();
    }

    /// <summary>Waits until <paramref name="ip"/> has exactly <paramref name="count"/> rated events.</summary>
    public Task RatedEventuallyAsync(string ip, long count) => ApiCalls.EventuallyAsync(
        async () => await TotalEventsAsync(ip) == count,
        KwafApiFactory.CallTimeout,
        $"{count} events rated for {ip}");

    /// <summary>Waits until a syslog counter reaches <paramref name="atLeast"/>.</summary>
    public Task CounterEventuallyAsync(string counter, long atLeast) => ApiCalls.EventuallyAsync(
        async () => (await SyslogStatsAsync()).GetProperty(counter).GetInt64() >= atLeast,
        KwafApiFactory.CallTimeout,
        $"syslog {counter} reaching {atLeast}");
}
