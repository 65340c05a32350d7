using Kwaf.Grains.Hosting;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Index;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains;

/// <summary>Registers what the subject grains need on a silo.</summary>
internal static class KwafGrainServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates (at host start) <c>Kwaf:Counters</c>, <c>Kwaf:Persistence</c>, <c>Kwaf:Policy</c> and
    /// <c>Kwaf:Index</c>, and the <see cref="SubjectPolicy"/> that every subject grain shares.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKwafGrainServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKwafOptions<CounterOptions>(CounterOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CounterOptions>, CounterOptionsValidator>());
        services.AddKwafOptions<PersistenceOptions>(PersistenceOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PersistenceOptions>, PersistenceOptionsValidator>());
        services.AddKwafRiskIndex();
        services.AddKwafPolicy();

        // One policy for every subject grain of the silo: its parts are immutable and built from options that are
        // fixed for the process, so an activation costs neither their construction nor their memory.
        services.TryAddSingleton(static sp => new SubjectPolicy(
            sp.GetRequiredService<IOptions<CounterOptions>>().Value,
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value));

        // The wheel turns on real time, like Orleans' own maintenance loops, so that a host clock moved in a large
        // step (a test's fake clock) is read once at its new time rather than turning the wheel through every step;
        // idleness and backoff are judged by the host's clock.
        services.TryAddSingleton(static sp => new SubjectTickSchedule(
            sp.GetRequiredService<IOptions<PersistenceOptions>>(),
            TimeProvider.System,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SubjectTickSchedule>>()));
        services.TryAddSingleton(static sp => new SubjectServices(sp));
        return services;
    }
}
