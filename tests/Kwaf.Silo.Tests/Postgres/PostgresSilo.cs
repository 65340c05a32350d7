using System.Globalization;
using Kwaf.Silo.Hosting;
using Kwaf.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kwaf.Silo.Tests.Postgres;

/// <summary>
/// A standalone kwaf silo on PostgreSQL, built like the silo process builds it, on free loopback ports and with a
/// cluster id of its own, so that two of them on one database are two activations of the same grains.
/// </summary>
internal sealed class PostgresSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;

    private PostgresSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts a silo; the database is migrated at start.</summary>
    public static async Task<PostgresSilo> StartAsync(string connectionString, string serviceId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var ports = LoopbackPorts.FindFree(2);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kwaf:Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Kwaf:Cluster:ServiceId"] = serviceId,
            ["Kwaf:Cluster:ClusterId"] = "c-" + Guid.NewGuid().ToString("N"),
            ["Kwaf:Silo:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Silo:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),

            // Only a decision or a deactivation writes during a test.
            ["Kwaf:Persistence:WriteInterval"] = "00:10:00",
        });
        builder.AddKwafSilo();
        var host = builder.Build();
        await host.StartAsync().WaitAsync(StopTimeout);
        return new PostgresSilo(host);
    }

    /// <summary>Stops the silo gracefully: every active grain is deactivated and writes what it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(StopTimeout);
        _host.Dispose();
    }
}
