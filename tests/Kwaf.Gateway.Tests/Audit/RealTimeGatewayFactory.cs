using System.Globalization;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Audit;

/// <summary>
/// The real gateway on the system clock (the audit writer's retry backoff must run by itself while a database is
/// down), with memory grain state, its own silo ports and the given settings on top.
/// </summary>
internal sealed class RealTimeGatewayFactory(IReadOnlyDictionary<string, string?> settings)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var ports = LoopbackPorts.FindFree(2);
        builder.UseSetting("Kwaf:Storage:Provider", "Memory");
        builder.UseSetting("Kwaf:Silo:SiloPort", ports[0].ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Kwaf:Silo:GatewayPort", ports[1].ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(static services =>
            services.AddSingleton<IStartupFilter, TestPeerStartupFilter>());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
