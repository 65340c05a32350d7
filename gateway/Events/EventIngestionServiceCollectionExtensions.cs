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
    /// Registers what turns raw input into rated events: <see cref="AddKwafEventNormalization"/>, the pipeline to the
    /// grains, and the intake used by POST /events, syslog and mirrored requests.
    /// </summary>
    public static IServiceCollection AddKwafEventIngestion(this IServiceCollection services)
    {
        services.AddKwafEventNormalization();
        services.AddKwafPipeline();
        services.TryAddSingleton<EventIngestor>();
        return services;
    }

    /// <summary>
    /// Registers what validates and classifies events, without anything that sends them on: validation,
    /// classification and event options (checked at start), client-address resolution and the normalizer. Replay
    /// uses it alone.
    /// </summary>
    public static IServiceCollection AddKwafEventNormalization(this IServiceCollection services)
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
        return services;
    }
}
