using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kwaf.Grains.Audit;

/// <summary>Registers the audit log: the sink grains record into, the writer, the store and its reader.</summary>
internal static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Adds the audit log to a silo: binds and validates <c>Kwaf:Audit</c> now (a bad value throws, naming its
    /// key), registers <see cref="IAuditSink"/> (the bounded <see cref="AuditBuffer"/>), the store chosen by
    /// <see cref="AuditStoreFactory.Resolve"/>, <see cref="IAuditReader"/> on the same store, the metrics and the
    /// <see cref="AuditWriter"/> as a silo lifecycle participant.
    /// </summary>
    public static ISiloBuilder AddKwafAudit(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        var options = services.BindKwafOptions(configuration, AuditOptions.SectionName, new AuditOptionsValidator());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditCounters>();
        services.TryAddSingleton<AuditBuffer>();
        services.TryAddSingleton<IAuditSink>(static provider => provider.GetRequiredService<AuditBuffer>());
        services.TryAddSingleton<AuditMetrics>();
        AddStore(services, AuditStoreFactory.Resolve(options, configuration), configuration);
        services.TryAddSingleton<AuditWriter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(
            static provider => provider.GetRequiredService<AuditWriter>());
        return silo;
    }

    /// <summary>
    /// Adds only <see cref="IAuditReader"/>, for a gateway that is a client of an external cluster and reads the
    /// store directly. With the Memory store there is nothing to read from another process, so nothing is added
    /// and GET /audit answers 503.
    /// </summary>
    public static IServiceCollection AddKwafAuditReader(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AuditOptions();
        configuration.GetSection(AuditOptions.SectionName).Bind(options);
        switch (AuditStoreFactory.Resolve(options, configuration))
        {
            case AuditStoreKind.PostgreSql:
                services.TryAddSingleton<IAuditReader>(_ => AuditStoreFactory.CreatePostgres(configuration));
                break;
            case AuditStoreKind.Sqlite:
                services.TryAddSingleton<IAuditReader>(_ => AuditStoreFactory.CreateSqlite(configuration));
                break;
            default:
                break;
        }

        return services;
    }

    private static void AddStore(IServiceCollection services, AuditStoreKind kind, IConfiguration configuration)
    {
        switch (kind)
        {
            case AuditStoreKind.PostgreSql:
                services.TryAddSingleton(_ => AuditStoreFactory.CreatePostgres(configuration));
                services.TryAddSingleton<IAuditStore>(static p => p.GetRequiredService<PostgresAuditStore>());
                services.TryAddSingleton<IAuditReader>(static p => p.GetRequiredService<PostgresAuditStore>());
                break;
            case AuditStoreKind.Sqlite:
                services.TryAddSingleton(_ => AuditStoreFactory.CreateSqlite(configuration));
                services.TryAddSingleton<IAuditStore>(static p => p.GetRequiredService<SqliteAuditStore>());
                services.TryAddSingleton<IAuditReader>(static p => p.GetRequiredService<SqliteAuditStore>());
                break;
            default:
                services.TryAddSingleton<MemoryAuditLog>();
                services.TryAddSingleton<IAuditStore>(static p => p.GetRequiredService<MemoryAuditLog>());
                services.TryAddSingleton<IAuditReader>(static p => p.GetRequiredService<MemoryAuditLog>());
                break;
        }
    }
}
