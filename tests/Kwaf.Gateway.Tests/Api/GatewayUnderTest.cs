using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// One gateway for one case: its own settings and clock, started and ready on <see cref="StartAsync"/>, stopped
/// gracefully on dispose.
/// </summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    private readonly KwafApiFactory _factory;

    private GatewayUnderTest(
        DateTimeOffset start,
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices) =>
        _factory = new KwafApiFactory(start, settings, configureServices);

    public HttpClient Client { get; private set; } = null!;

    public KwafApiFactory Factory => _factory;

    public static async Task<GatewayUnderTest> StartAsync(
        DateTimeOffset start,
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configureServices = null)
    {
        var gateway = new GatewayUnderTest(start, settings, configureServices);
        gateway.Client = await gateway._factory.CreateReadyClientAsync();
        return gateway;
    }

    /// <summary>Sets the clock to <paramref name="now"/>, which must not be before the clock's current time.</summary>
    public void SetClock(DateTimeOffset now) => _factory.Time.SetUtcNow(now);

    /// <summary>
    /// Sets one configuration key in every provider that takes it and reloads the configuration, as a changed
    /// settings file does.
    /// </summary>
    public void Reconfigure(string key, string? value)
    {
        var configuration = (IConfigurationRoot)_factory.Services.GetRequiredService<IConfiguration>();
        configuration[key] = value;
        configuration.Reload();
    }

    /// <summary>Posts NDJSON events, asserts 202, waits until they are rated and returns the answer.</summary>
    public async Task<JsonElement> SendAsync(params string[] events)
    {
        using var response = await Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "POST /events");
        await _factory.FlushAsync();
        return result;
    }

    /// <summary>
    /// The status of a check for <paramref name="ip"/>, once the decision cache holds every decision.
    /// </summary>
    public async Task<HttpStatusCode> CheckAsync(string ip)
    {
        await _factory.SettleDecisionsAsync();
        using var response = await Client.CheckIpAsync(ip);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }
}
