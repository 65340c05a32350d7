using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Index;

/// <summary>Registers the risk index grain's settings on a silo.</summary>
internal static class RiskIndexServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="RiskIndexOptions"/> to <c>Kwaf:Index</c> and validates them at start. Without this call the
    /// grain runs on the defaults.
    /// </summary>
    public static IServiceCollection AddKwafRiskIndex(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKwafOptions<RiskIndexOptions>(RiskIndexOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<RiskIndexOptions>, RiskIndexOptionsValidator>());
        return services;
    }
}
