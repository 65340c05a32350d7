using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.Spoe;

internal static class SpoeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SPOE agent (Kwaf:Spoe). It listens only when Kwaf:Spoe:Port is set; the counters and the stats
    /// endpoint exist either way. Needs the decision cache and the allowlist, which AddKwafApi registers.
    /// </summary>
    public static IServiceCollection AddKwafSpoe(this IServiceCollection services)
    {
        services.AddKwafOptions<SpoeOptions>(SpoeOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpoeOptions>, SpoeOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<SpoeCounters>();
        services.AddHostedService<SpoeAgent>();
        return services;
    }
}
