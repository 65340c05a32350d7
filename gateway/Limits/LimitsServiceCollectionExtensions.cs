using Kwaf.Grains.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Limits;

internal static class LimitsServiceCollectionExtensions
{
    /// <summary>Binds and checks <c>Kwaf:Http</c> at start and applies it to Kestrel.</summary>
    public static IServiceCollection AddKwafHttpLimits(this IServiceCollection services)
    {
        services.AddKwafOptions<HttpLimitsOptions>(HttpLimitsOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpLimitsOptions>, HttpLimitsOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Transient<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>());
        return services;
    }
}
