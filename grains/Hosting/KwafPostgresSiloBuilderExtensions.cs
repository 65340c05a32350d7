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
    /// </summary>
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
            silo.AddAdoNetGrainStorage(name, options =>
            {
                options.Invariant = NpgsqlInvariant;
                options.ConnectionString = connectionString;
            });
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

    private static string DescribeLocation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
