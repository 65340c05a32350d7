using System.Net;
using Kwaf.Grains.Audit;
using Kwaf.Grains.Storage;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// The silo configuration shared by the gateway's co-hosted silo, the standalone silo and in-process hosts.
/// </summary>
internal static class KwafSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans loads Microsoft.Data.Sqlite's factory.</summary>
    internal const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The grain directory cache size of a silo that is its own cluster (localhost clustering).</summary>
    internal const int LoneSiloDirectoryCacheSize = 1024;

    /// <summary>
    /// Configures cluster identity, endpoints, localhost clustering, grain collection and the grain storages
    /// <c>subjects</c> and <c>decisions</c> from the <c>Kwaf</c> configuration section. Options are read and
    /// validated now, so a bad value throws here, naming its key; they are also registered with
    /// ValidateOnStart for the services that inject them.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="mode">How the silo is hosted; only logged.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="OptionsValidationException">A value is invalid; the message names every bad key.</exception>
    public static ISiloBuilder ConfigureKwafSilo(
        this ISiloBuilder silo,
        IConfiguration configuration,
        KwafSiloMode mode)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        KwafConfigurationSections.ThrowIfUnknown(configuration);
        var services = silo.Services;
        var cluster = services.BindKwafOptions(
            configuration,
            KwafClusterOptions.SectionName,
            new KwafClusterOptionsValidator());
        var endpoints = services.BindKwafOptions(
            configuration,
            KwafSiloOptions.SectionName,
            new KwafSiloOptionsValidator());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloPortCheck>();
        var lifetime = services.BindKwafOptions(
            configuration,
            KwafGrainLifetimeOptions.SectionName,
            new KwafGrainLifetimeOptionsValidator());
        var storage = services.BindKwafOptions(
            configuration,
            KwafStorageOptions.SectionName,
            new KwafStorageOptionsValidator());

        silo.UseKwafClustering(configuration, cluster, endpoints, () => ConfigureClustering(silo, cluster, endpoints));
        services.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionAge = lifetime.IdleDeactivation;

            // As long as an ingestion call may wait (ISubjectGrain.IngestAsync): activations that read a locked or
            // slow store finish when it answers instead of failing after the default 30 s.
            options.ActivationTimeout = TimeSpan.FromMinutes(2);
        });
        var (location, connectionString) = storage.Provider == KwafStorageProvider.PostgreSql
            ? silo.AddKwafPostgresStorage(configuration, storage)
            : ConfigureStorage(silo, storage);
        services.AddKwafStorageHealth();
        services.TryAddSingleton<ActiveSubjects>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new KwafSiloStartupSummary(
            mode,
            storage.Provider,
            location,
            ConnectionStringRedactor.Redact(connectionString),
            endpoints.SiloPort,
            endpoints.GatewayPort,
            cluster.ClusterId,
            cluster.ServiceId));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, KwafSiloStartupReporter>();
        services.AddKwafGrainServices();
        silo.AddKwafDashboard(configuration);
        silo.AddKwafAudit(configuration);
        return silo;
    }

    private static void ConfigureClustering(ISiloBuilder silo, KwafClusterOptions cluster, KwafSiloOptions endpoints)
    {
        var advertised = IPAddress.Parse(endpoints.AdvertisedIp);

        // Localhost clustering: a single silo that is its own primary. Redis clustering for several silos
        // will be chosen here by a Kwaf:Cluster option.
        silo.UseLocalhostClustering(
            endpoints.SiloPort,
            endpoints.GatewayPort,
            new IPEndPoint(advertised, endpoints.SiloPort),
            cluster.ServiceId,
            cluster.ClusterId);
        silo.Configure<EndpointOptions>(options => options.AdvertisedIPAddress = advertised);

        // A lone silo finds every grain in its own directory partition, so the cache of remote directory entries
        // stays empty; Orleans sizes it for a million entries up front (about 18 MB of idle memory).
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = LoneSiloDirectoryCacheSize);
    }

    private static (string Location, string ConnectionString) ConfigureStorage(
        ISiloBuilder silo,
        KwafStorageOptions storage)
    {
        // Plain JSON rows, without .NET type names, so that renaming a state type does not orphan stored rows.
        silo.UseSystemTextJsonGrainStorageSerializer();
        switch (storage.Provider)
        {
            case KwafStorageProvider.Memory:
                foreach (var name in KwafStorageNames.All)
                {
                    silo.Services.AddGrainStorage(
                        name,
                        static (provider, _) => new InProcessGrainStorage(
                            provider.GetRequiredService<IGrainStorageSerializer>()));
                }

                return ("memory", string.Empty);

            case KwafStorageProvider.Sqlite:
                return ConfigureSqlite(silo, storage);

            default:
                throw new InvalidOperationException(
                    $"{KwafStorageOptions.SectionName}:{nameof(KwafStorageOptions.Provider)} {storage.Provider} "
                    + "is not supported; use Sqlite or Memory.");
        }
    }

    private static (string Location, string ConnectionString) ConfigureSqlite(
        ISiloBuilder silo,
        KwafStorageOptions storage)
    {
        var databasePath = storage.GetSqliteFilePath();
        var dataSource = new SqliteGrainStoreDataSource(databasePath, storage.BusyTimeout);
        silo.Services.AddSingleton(dataSource);
        silo.Services.AddSingleton(provider => new EmbeddedStoreInitializer(
            storage,
            EmbeddedStoreInitializer.DefaultScriptFolder,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EmbeddedStoreInitializer>>()));
        silo.Services.AddSingleton<DataFolderLock>();
        silo.Services.AddSingleton<StoredKeySet>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, EmbeddedStoreLifecycleParticipant>();
        foreach (var name in KwafStorageNames.All)
        {
            silo.AddAdoNetGrainStorage(name, options =>
            {
                options.Invariant = SqliteInvariant;
                options.DataSource = dataSource;
            });

            // This process is the store's one writer (DataFolderLock), so the rows it holds are known; without file
            // locking nothing keeps a second writer out, and every state is read.
            if (DataFolderLock.IsEnforced)
            {
                silo.Services.DecorateGrainStorage(
                    name,
                    static (provider, storage) => new StoredKeyFilterGrainStorage(
                        storage,
                        provider.GetRequiredService<StoredKeySet>(),
                        provider.GetRequiredService<IActivatorProvider>()));
            }
        }

        return (databasePath, dataSource.ConnectionString);
    }
}
