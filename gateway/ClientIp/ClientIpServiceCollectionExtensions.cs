using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.ClientIp;

internal static class ClientIpServiceCollectionExtensions
{
    /// <summary>
    /// Registers client-address resolution: <c>Kwaf:ClientIp</c> (validated at start), the trusted proxies parsed
    /// once, and the resolver every intake and the check endpoint share. Safe to call more than once (the API and the
    /// replay command both need it).
    /// </summary>
    public static IServiceCollection AddKwafClientIp(this IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(ClientIpResolver)))
        {
            return services;
        }

        services.AddKwafOptions<ClientIpOptions>(ClientIpOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ClientIpOptions>, ClientIpOptionsValidator>());
        services.TryAddSingleton(static sp =>
            new TrustedProxies(sp.GetRequiredService<IOptions<ClientIpOptions>>().Value.TrustedProxies));
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<ClientIpOptions>>().Value;
            ForwardedHeaderNames.TryParse(options.ForwardedHeader, out var header);
            return new ClientIpResolver(
                sp.GetRequiredService<TrustedProxies>(),
                header,
                sp.GetRequiredService<ILogger<ClientIpResolver>>());
        });
        return services;
    }
}
