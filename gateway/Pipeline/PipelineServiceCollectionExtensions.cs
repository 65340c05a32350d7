using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

internal static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddKwafPipeline(this IServiceCollection services)
    {
        services.AddKwafSubjectRouting();
        services.AddMetrics();
        services.TryAddSingleton<IngestionCounters>();
        services.TryAddSingleton<SubjectGrains>();
        services.TryAddSingleton<IngestionPipeline>();
        services.AddHostedService(static sp => sp.GetRequiredService<IngestionPipeline>());
        return services;
    }

    /// <summary>
    /// Registers <c>Kwaf:Pipeline</c> (checked at start) and the <see cref="SubjectRouting"/> that maps an event to
    /// its subjects, without the pipeline that sends to grains; replay uses it alone.
    /// </summary>
    public static IServiceCollection AddKwafSubjectRouting(this IServiceCollection services)
    {
        services.AddKwafOptions<PipelineOptions>(PipelineOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.TryAddSingleton<SubjectRouting>();
        return services;
    }
}
