using Kwaf.Grains.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions;

/// <summary>Registers the gateway's allowlist, its live reload and the report of decisions it overrides.</summary>
internal static class AllowlistServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="Allowlist"/> built from the validated <c>Kwaf:Policy:Allowlist</c>,
    /// <see cref="AllowlistReloader"/> (applies the section again on every configuration reload) and
    /// <see cref="AllowlistedDecisionReporter"/>. Needs the decision cache (<c>AddKwafDecisionCache</c>).
    /// </summary>
    public static IServiceCollection AddKwafAllowlist(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static sp =>
            new Allowlist(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Allowlist));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<AllowlistReloader>();
        services.AddHostedService<AllowlistedDecisionReporter>();
        return services;
    }
}
