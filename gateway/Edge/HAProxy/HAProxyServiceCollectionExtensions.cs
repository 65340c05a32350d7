using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>Registers HAProxy enforcement through the Runtime API.</summary>
internal static class HAProxyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="HAProxyOptions"/> to <c>Kwaf:HAProxy</c> with validation at start and adds
    /// <see cref="HAProxyMapSynchronizer"/>, which does nothing while no Runtime API socket is configured. Needs the
    /// decision cache (<c>AddKwafDecisionCache</c>).
    /// </summary>
    public static IServiceCollection AddKwafHAProxy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKwafOptions<HAProxyOptions>(HAProxyOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HAProxyOptions>, HAProxyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<HAProxyMapSynchronizer>();
        return services;
    }
}
