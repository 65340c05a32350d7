using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>Registers the gateway's decision cache and the service that keeps it in step with the board.</summary>
internal static class DecisionCacheServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DecisionCache"/> and <see cref="DecisionCacheSynchronizer"/> (as a singleton, for the
    /// readiness check, and as a hosted service), binding <see cref="DecisionCacheOptions"/> to
    /// <c>Kwaf:Decisions</c> with validation at start. Needs an <see cref="IGrainFactory"/>.
    /// </summary>
    public static IServiceCollection AddKwafDecisionCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKwafOptions<DecisionCacheOptions>(DecisionCacheOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DecisionCacheOptions>, DecisionCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DecisionCache>();
        services.TryAddSingleton<ProxyCacheHeaders>();
        services.TryAddSingleton<CheckAnswerer>();
        services.TryAddSingleton<DecisionCacheSynchronizer>();
        services.AddHostedService(sp => sp.GetRequiredService<DecisionCacheSynchronizer>());
        return services;
    }
}
