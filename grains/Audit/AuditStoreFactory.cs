using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Kwaf.Grains.Audit;

/// <summary>Chooses and builds the audit store from configuration.</summary>
internal static class AuditStoreFactory
{
    /// <summary>The connection string name of PostgreSQL: <c>ConnectionStrings:Postgres</c>.</summary>
    public const string PostgresConnectionName = "Postgres";

    /// <summary>
    /// The store to use: <see cref="AuditOptions.Store"/> unless it is Auto, else the one beside the grain state. The
    /// grain store is read by name from <c>Kwaf:Storage:Provider</c>, so this follows the PostgreSql provider
    /// whichever way the hosting code spells its enum.
    /// </summary>
    public static AuditStoreKind Resolve(AuditOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (options.Store != AuditStoreKind.Auto)
        {
            return options.Store;
        }

        var provider = configuration[$"{KwafStorageOptions.SectionName}:{nameof(KwafStorageOptions.Provider)}"];
        if (string.Equals(provider, nameof(KwafStorageProvider.Memory), StringComparison.OrdinalIgnoreCase))
        {
            return AuditStoreKind.Memory;
        }

        return provider is not null && provider.StartsWith("Postgres", StringComparison.OrdinalIgnoreCase)
            ? AuditStoreKind.PostgreSql
            : AuditStoreKind.Sqlite;
    }

    /// <summary>The PostgreSQL store on <c>ConnectionStrings:Postgres</c>.</summary>
    /// <exception cref="InvalidOperationException">The connection string is missing.</exception>
    public static PostgresAuditStore CreatePostgres(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(PostgresConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The audit log is kept in PostgreSQL ({AuditOptions.SectionName}:{nameof(AuditOptions.Store)} or "
                + $"{KwafStorageOptions.SectionName}:{nameof(KwafStorageOptions.Provider)}), but "
                + $"ConnectionStrings:{PostgresConnectionName} is not set; set it or the environment variable "
                + $"ConnectionStrings__{PostgresConnectionName}.");
        }

        return new PostgresAuditStore(NpgsqlDataSource.Create(connectionString));
    }

    /// <summary>The SQLite store on the embedded database file of <c>Kwaf:Storage</c>.</summary>
    public static SqliteAuditStore CreateSqlite(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = new KwafStorageOptions();
        configuration.GetSection(KwafStorageOptions.SectionName).Bind(storage);
        return new SqliteAuditStore(new SqliteGrainStoreDataSource(storage.GetSqliteFilePath(), storage.BusyTimeout));
    }
}
