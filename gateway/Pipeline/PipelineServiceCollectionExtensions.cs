using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

internal static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddKwafPipeline(this IServiceCollection services)
    {
        services.AddKwafOptions<PipelineOptions>(PipelineOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<IngestionCounters>();
        services.TryAddSingleton<SubjectGrains>();
        services.TryAddSingleton<SubjectRouting>();
        services.TryAddSingleton<IngestionPipeline>();
        services.AddHostedService(static sp => sp.GetRequiredService<IngestionPipeline>());
        return services;
    }
}
