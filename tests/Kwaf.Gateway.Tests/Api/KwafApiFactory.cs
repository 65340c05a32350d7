using System.Globalization;
using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Pipeline;
using Kwaf.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// Hosts the real gateway (Program) in process on a fake clock, with its own silo ports and, unless the settings
/// name a store, memory grain state. Settings given to the constructor win over every default.
/// </summary>
internal sealed class KwafApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The longest any single awaited call of a test may take.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A client of the in-process gateway, returned once the gateway reports ready.</summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync("/health/ready");
                return response.StatusCode == System.Net.HttpStatusCode.OK;
            },
            CallTimeout,
            "gateway readiness");
        return client;
    }

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="start">The fake clock's start.</param>
    /// <param name="settings">Settings that win over every default.</param>
    /// <param name="services">Extra registrations, such as a capturing log sink.</param>
    public KwafApiFactory(
        DateTimeOffset start,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Time = new FakeTimeProvider(start);
        var ports = LoopbackPorts.FindFree(2);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Kwaf:Storage:Provider"] = "Memory",
            ["Kwaf:Silo:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Silo:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),

            // The dispatch window is timed on the gateway's clock, which here moves only when a test moves it.
            ["Kwaf:Pipeline:DispatchWindow"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The gateway's clock; tests advance it.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The gateway's ingestion pipeline.</summary>
    public IngestionPipeline Pipeline => Services.GetRequiredService<IngestionPipeline>();

    /// <summary>
    /// Waits until every event accepted so far has reached its grains and the decisions they led to have reached the
    /// gateway's decision cache: a rating read from the API shows the decision the cache enforces, which a push
    /// brings a moment after the grain has published it.
    /// </summary>
    public async Task FlushAsync()
    {
        await Pipeline.FlushAsync(CancellationToken.None).WaitAsync(CallTimeout);
        await SettleDecisionsAsync();
    }

    /// <summary>
    /// Waits until the gateway's decision cache has caught up with every decision the board holds now, so that a
    /// check that answers 204 does so because nothing applies, not because a push is still on its way.
    /// </summary>
    public async Task SettleDecisionsAsync()
    {
        var board = Services.GetRequiredService<IGrainFactory>().GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
        var boardVersion = (await board.GetChangesAsync(long.MaxValue).WaitAsync(CallTimeout)).Version;
        var cache = Services.GetRequiredService<DecisionCache>();
        await ApiCalls.EventuallyAsync(
            () => Task.FromResult(cache.Version >= boardVersion),
            CallTimeout,
            $"decision cache reaching board version {boardVersion}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the configuration before Program reads it, which the co-hosted silo does eagerly.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
            _services?.Invoke(services);
        });
    }
}
