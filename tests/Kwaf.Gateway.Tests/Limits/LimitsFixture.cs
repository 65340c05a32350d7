using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>
/// One in-process gateway with small limits, so that tests reach them with small bodies: 3 events a batch, 1 KiB
/// lines, a 4 KiB body, user ids of 16 and user agents of 200 characters, paths of 300.
/// </summary>
public sealed class LimitsFixture : IAsyncLifetime
{
    public const int MaxEventsPerBatch = 3;
    public const int MaxLineBytes = 1024;
    public const int MaxBodyBytes = 4096;
    public const int MaxUserIdLength = 16;
    public const int MaxUserAgentLength = 200;
    public const int MaxPathLength = 300;
    public const int MaxHostLength = 64;
    public const int MaxRefererLength = 128;

    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly KwafApiFactory _factory = new(Start, new Dictionary<string, string?>
    {
        ["Kwaf:Events:MaxEventsPerBatch"] = Text(MaxEventsPerBatch),
        ["Kwaf:Events:MaxLineBytes"] = Text(MaxLineBytes),
        ["Kwaf:Events:MaxBodyBytes"] = Text(MaxBodyBytes),
        ["Kwaf:Ingestion:MaxUserIdLength"] = Text(MaxUserIdLength),
        ["Kwaf:Ingestion:MaxUserAgentLength"] = Text(MaxUserAgentLength),
        ["Kwaf:Ingestion:MaxPathLength"] = Text(MaxPathLength),
        ["Kwaf:Ingestion:MaxHostLength"] = Text(MaxHostLength),
        ["Kwaf:Ingestion:MaxRefererLength"] = Text(MaxRefererLength),
    });

    public HttpClient Client { get; private set; } = null!;

    internal KwafApiFactory Factory => _factory;

    public async Task InitializeAsync()
    {
        Client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>The <c>limits</c> block of /events/stats.</summary>
    public async Task<JsonElement> LimitStatsAsync()
    {
        using var response = await Client.GetAsync("/events/stats").WaitAsync(KwafApiFactory.CallTimeout);
        return (await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "events stats")).GetProperty("limits");
    }

    /// <summary>The whole of /events/stats.</summary>
    public async Task<JsonElement> StatsAsync()
    {
        using var response = await Client.GetAsync("/events/stats").WaitAsync(KwafApiFactory.CallTimeout);
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "events stats");
    }

    /// <summary>How often a "field: reason" key was counted in a block of /events/stats, 0 when absent.</summary>
    public static long Count(JsonElement block, string property, string key) =>
        block.GetProperty(property).TryGetProperty(key, out var value) ? value.GetInt64() : 0;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
