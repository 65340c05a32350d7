using Kwaf.Grains.Hosting;
using Kwaf.Grains.Counters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Policy;

/// <summary>Registers the rating policy.</summary>
internal static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PolicyOptions"/> to <c>Kwaf:Policy</c> and validates it when the host starts: a bad policy
    /// stops the host with messages that name each key.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKwafPolicy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKwafOptions<PolicyOptions>(PolicyOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CounterOptions>, CounterOptionsValidator>());
        return services;
    }
}
