using Kwaf.Grains.Hosting;
using Kwaf.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

/// <summary>
/// Builds a host with a silo and no HTTP listener, for tests: memory grain state and free loopback
/// ports unless the overrides say otherwise.
/// </summary>
internal static class KwafInProcessHost
{
    /// <summary>
    /// Builds, but does not start, an in-process host. Its services include <see cref="IGrainFactory"/>.
    /// Configuration layers, last wins: the usual host defaults (appsettings.json, environment), then
    /// <c>Kwaf:Storage:Provider=Memory</c> and free silo and gateway ports, then <paramref name="overrides"/>.
    /// </summary>
    /// <param name="overrides">Settings that win over everything else, for example a Sqlite data path.</param>
    /// <param name="configure">Optional last changes to the builder, for example a fake TimeProvider.</param>
    /// <returns>The built host; the caller starts, stops and disposes it.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A <c>Kwaf</c> setting is
    /// invalid; the message names each bad key.</exception>
    public static IHost Create(IConfiguration overrides, Action<HostApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var ports = LoopbackPorts.FindFree(2);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{KwafStorageOptions.SectionName}:{nameof(KwafStorageOptions.Provider)}"] =
                nameof(KwafStorageProvider.Memory),
            [$"{KwafSiloOptions.SectionName}:{nameof(KwafSiloOptions.SiloPort)}"] = Format(ports[0]),
            [$"{KwafSiloOptions.SectionName}:{nameof(KwafSiloOptions.GatewayPort)}"] = Format(ports[1]),
        });
        builder.Configuration.AddConfiguration(overrides);
        configure?.Invoke(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.UseOrleans(silo => silo.ConfigureKwafSilo(builder.Configuration, KwafSiloMode.InProcess));
        return builder.Build();
    }

    private static string Format(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
