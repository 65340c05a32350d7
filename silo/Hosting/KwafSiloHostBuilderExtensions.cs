using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Kwaf.Silo.Hosting;

/// <summary>Composes the standalone silo process.</summary>
internal static class KwafSiloHostBuilderExtensions
{
    /// <summary>
    /// Hosts an Orleans silo configured from the <c>Kwaf</c> section, the same way as the gateway's co-hosted
    /// silo: localhost clustering for now, grain state per <c>Kwaf:Storage:Provider</c>.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A <c>Kwaf</c> setting is
    /// invalid; the message names each bad key.</exception>
    public static HostApplicationBuilder AddKwafSilo(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.UseOrleans(silo => silo.ConfigureKwafSilo(builder.Configuration, KwafSiloMode.Standalone));
        return builder;
    }
}
