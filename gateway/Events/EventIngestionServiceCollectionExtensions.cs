using Kwaf.Gateway.ClientIp;
using Kwaf.Grains.Hosting;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Events;

internal static class EventIngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers what turns raw input into rated events: validation and classification options (checked at start),
    /// client-address resolution, the normalizer, the pipeline to the grains, and the intake used by POST /events
    /// and replay.
    /// </summary>
    public static IServiceCollection AddKwafEventIngestion(this IServiceCollection services)
    {
        services.AddKwafOptions<IngestionOptions>(IngestionOptions.SectionName);
        services.AddKwafOptions<ClassificationOptions>(ClassificationOptions.SectionName);
        services.AddKwafOptions<EventsOptions>(EventsOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ClassificationOptions>, ClassificationOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>());
        services.TryAddSingleton(static sp =>
            new RequestClassifier(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
        services.AddKwafClientIp();
        services.TryAddSingleton(static sp => new EventNormalizer(
            sp.GetRequiredService<IOptions<IngestionOptions>>().Value,
            sp.GetRequiredService<RequestClassifier>(),
            sp.GetRequiredService<ClientIpResolver>()));
        services.AddKwafPipeline();
        services.TryAddSingleton<EventIngestor>();
        return services;
    }
}
