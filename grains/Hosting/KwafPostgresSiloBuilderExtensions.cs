using Kwaf.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kwaf.Grains.Hosting;

/// <summary>Grain state in PostgreSQL, and the storage health indicator every store reports to.</summary>
internal static class KwafPostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans loads Npgsql's factory.</summary>
    internal const string NpgsqlInvariant = "Npgsql";

    /// <summary>The configuration key of the connection string (environment: <c>ConnectionStrings__Postgres</c>).
    /// </summary>
    internal const string ConnectionStringKey = "ConnectionStrings:Postgres";

    /// <summary>
    /// Registers the grain storages <c>subjects</c> and <c>decisions</c> on PostgreSQL (plain JSON rows) and, when
    /// <see cref="KwafStorageOptions.MigrateOnStart"/> is set, the migration of <c>sql/postgresql</c> at silo start.
    /// Provider failures reach grain callers as serializable exceptions (<see cref="SerializableErrorGrainStorage"/>).
    /// </summary>
    /// <remarks>
    /// Each storage has its own Npgsql pool (<see cref="ForStorage"/>): subjects up to the connection string's
    /// <c>Maximum Pool Size</c> (Npgsql's default is 100, PostgreSQL's default <c>max_connections</c> too: a single
    /// busy silo could take every server connection, and several silos then fail activations with "53300: too many
    /// clients"), decisions up to <see cref="DecisionsPoolSize"/>. Recommendation: set <c>Maximum Pool Size</c> so
    /// that silos times (pool size + 8) stays below <c>max_connections</c> minus what other clients need;
    /// scripts/cluster.sh uses 20 per silo. A bigger pool does not make ingestion faster on a small machine: the work
    /// then queues in PostgreSQL instead of the pool.
    /// </remarks>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The configuration root; <c>ConnectionStrings:Postgres</c> is read.</param>
    /// <param name="storage">The storage options.</param>
    /// <returns>Where the state lives (host, port and database) and the connection string, for the start summary.
    /// </returns>
    /// <exception cref="InvalidOperationException">The connection string is missing or cannot be parsed.</exception>
    public static (string Location, string ConnectionString) AddKwafPostgresStorage(
        this ISiloBuilder silo,
        IConfiguration configuration,
        KwafStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        var connectionString = ReadConnectionString(configuration);
        silo.UseSystemTextJsonGrainStorageSerializer();
        foreach (var name in KwafStorageNames.All)
        {
            var (storageConnectionString, maxConcurrentReads) = ForStorage(connectionString, name);
            silo.AddAdoNetGrainStorage(name, options =>
            {
                options.Invariant = NpgsqlInvariant;
                options.ConnectionString = storageConnectionString;
            });
            WrapProviderErrors(silo.Services, name, maxConcurrentReads);
        }

        if (storage.MigrateOnStart)
        {
            silo.Services.AddSingleton(provider => new PostgresMigrator(
                connectionString,
                PostgresMigrationScript.DefaultFolder,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<PostgresMigrator>>()));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresMigrationLifecycleParticipant>();
        }

        return (DescribeLocation(connectionString), connectionString);
    }

    /// <summary>Registers the silo's <see cref="StorageHealth"/>, which kwaf's grains report their writes to.</summary>
    /// <param name="services">The silo services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddKwafStorageHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.AddSingleton<StorageHealth>();
        return services;
    }

    /// <summary>Reads and checks <c>ConnectionStrings:Postgres</c>.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The connection string.</returns>
    /// <exception cref="InvalidOperationException">It is missing or cannot be parsed; the message names the key and
    /// never shows the value.</exception>
    public static string ReadConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{KwafStorageOptions.SectionName}:{nameof(KwafStorageOptions.Provider)} is PostgreSql but "
                + $"{ConnectionStringKey} is not set; set it (environment variable ConnectionStrings__Postgres), "
                + "for example Host=127.0.0.1;Port=5432;Database=kwaf;Username=kwaf;Password=...");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The message of the inner exception names the bad keyword, never the password.
            throw new InvalidOperationException(
                $"{ConnectionStringKey} is not a valid Npgsql connection string: {exception.Message}",
                exception);
        }

        return connectionString;
    }

    /// <summary>
    /// The connection string and read limit of one storage. Each storage gets a pool of its own (Npgsql keys pools
    /// by connection string; the application name tells them apart, also in <c>pg_stat_activity</c>), so that a
    /// flood of subject activations against a slow database never takes the connections that decisions are written
    /// with. The decisions pool holds at most <see cref="DecisionsPoolSize"/> connections; subject reads may use half
    /// of the subjects pool at once, leaving the rest for coalesced state writes.
    /// <para>
    /// Unless the connection string says otherwise, statements the storage runs over and over are prepared on each
    /// connection (<c>Max Auto Prepare</c>) and a connection going back to the pool is not reset (<c>No Reset On
    /// Close</c>): the provider opens a connection per read or write, and PostgreSQL otherwise parses and plans the
    /// write (an update and an insert in one statement) every time, then runs a reset that throws the plans away. On
    /// a 2-core machine that was about 210 µs of server CPU a write against 58 µs prepared. The storage sets no
    /// session state that a reset would have to clear.
    /// </para>
    /// </summary>
    internal static (string ConnectionString, int? MaxConcurrentReads) ForStorage(string connectionString, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var application = string.IsNullOrEmpty(builder.ApplicationName) ? "kwaf" : builder.ApplicationName;
        builder.ApplicationName = $"{application}-{name}";
        if (!Names(connectionString, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!Names(connectionString, "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (name == KwafStorageNames.Decisions)
        {
            builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, DecisionsPoolSize);
            return (builder.ConnectionString, null);
        }

        return (builder.ConnectionString, Math.Max(1, builder.MaxPoolSize / 2));
    }

    /// <summary>Most connections the decisions storage holds per silo.</summary>
    internal const int DecisionsPoolSize = 8;

    /// <summary>
    /// Statements each storage connection keeps prepared: the storage runs three (read, write, clear).
    /// </summary>
    internal const int AutoPreparedStatements = 8;

    /// <summary>
    /// Whether the connection string sets <paramref name="keyword"/> in any of the spellings Npgsql takes (any case,
    /// with or without spaces): Npgsql's own builder reports every keyword it knows as present.
    /// </summary>
    private static bool Names(string connectionString, string keyword)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            if (string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), keyword,
                StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces the storage registered under <paramref name="name"/> by a wrapper of it.</summary>
    internal static void WrapProviderErrors(IServiceCollection services, string name, int? maxConcurrentReads = null) =>
        services.DecorateGrainStorage(
            name,
            (_, storage) => new SerializableErrorGrainStorage(name, storage, maxConcurrentReads));

    private static string DescribeLocation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
