using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// An Orleans client of a <see cref="LocalCluster"/>, found through its Redis, that tells on which silo each
/// client IP grain is active (the management grain's detailed statistics).
/// </summary>
internal sealed class ClusterInspector : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterInspector(IHost host) => _host = host;

    public static async Task<ClusterInspector> ConnectAsync(LocalCluster cluster)
    {
        var settings = cluster.Settings;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(options =>
                options.ConfigurationOptions = ConfigurationOptions.Parse(settings["KWAF_TEST_REDIS"]));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings["CLUSTER_ID"];
                options.ServiceId = "kwaf";
            });
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new ClusterInspector(host);
    }

    /// <summary>Maps the key of every active client IP grain to the silo port of the silo it is active on.</summary>
    public async Task<Dictionary<string, int>> ClientIpPlacementAsync()
    {
        var management = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics().WaitAsync(TimeSpan.FromSeconds(30));
        var placement = new Dictionary<string, int>();
        foreach (var statistic in statistics)
        {
            if (statistic.GrainType.Contains("ClientIpGrain", StringComparison.Ordinal))
            {
                placement[statistic.GrainId.Key.ToString()!] = statistic.SiloAddress.Endpoint.Port;
            }
        }

        return placement;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
