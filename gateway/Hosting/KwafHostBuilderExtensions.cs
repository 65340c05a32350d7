using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kwaf.Gateway.Hosting;

/// <summary>Composes the gateway process: HTTP address, co-hosted silo and its grain state store.</summary>
internal static class KwafHostBuilderExtensions
{
    /// <summary>The HTTP address used when none is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Co-hosts an Orleans silo (localhost clustering, grain state per <c>Kwaf:Storage</c>), registers
    /// <see cref="TimeProvider.System"/> unless a time provider is already registered, and listens on
    /// <see cref="DefaultUrl"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>http_ports</c> or a Kestrel
    /// endpoint is configured. The silo logs its mode, store and ports when it starts; once started, the process
    /// gives the memory start-up used back (<see cref="StartupMemoryRelease"/>).
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A <c>Kwaf</c> setting is invalid;
    /// the message names each bad key.</exception>
    public static WebApplicationBuilder AddKwafHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!HasConfiguredAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StartupMemoryRelease>();
        builder.UseKwafOrleans();
        return builder;
    }

    /// <summary>Whether the configuration already says where Kestrel listens.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <returns>True when an address, a port list or a Kestrel endpoint is configured.</returns>
    internal static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
