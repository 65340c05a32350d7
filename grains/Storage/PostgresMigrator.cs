using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kwaf.Grains.Storage;

/// <summary>
/// Brings a PostgreSQL database up to the numbered scripts of <c>sql/postgresql</c>: applies, in file name order,
/// each script not yet recorded in <c>kwaf_schema_migrations</c>, each in its own transaction together with its
/// record (name, checksum, time), and refuses to go on when a script already applied has changed since.
/// </summary>
/// <remarks>
/// Several silos may start at once: a session advisory lock serializes their runs, so each script is applied once.
/// </remarks>
internal sealed partial class PostgresMigrator
{
    // An arbitrary constant shared by every kwaf process: the advisory lock key of migration runs.
    private const long AdvisoryLockKey = 0x6B776166_6D696772;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS kwaf_schema_migrations
        (
            script_name TEXT NOT NULL PRIMARY KEY,
            checksum TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly string _scriptFolder;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresMigrator> _logger;

    /// <summary>Creates a migrator.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="scriptFolder">The folder of the numbered <c>NNN_name.sql</c> scripts.</param>
    /// <param name="timeProvider">The clock for the recorded application time.</param>
    /// <param name="logger">The logger.</param>
    public PostgresMigrator(
        string connectionString,
        string scriptFolder,
        TimeProvider timeProvider,
        ILogger<PostgresMigrator> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(scriptFolder);
        _connectionString = connectionString;
        _scriptFolder = scriptFolder;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Applies every script not applied before.</summary>
    /// <param name="cancellationToken">Cancels between statements.</param>
    /// <returns>The names of the scripts applied by this call, in order; empty when the database was current.
    /// </returns>
    /// <exception cref="InvalidOperationException">A script is misnamed, has changed since it was applied, or fails;
    /// the message names the script, and a PostgreSQL error is the inner exception.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = PostgresMigrationScript.Discover(_scriptFolder);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey});", cancellationToken);
        try
        {
            await ExecuteAsync(connection, CreateTable, cancellationToken);
            var recorded = await ReadRecordedAsync(connection, cancellationToken);
            var applied = new List<string>();
            foreach (var script in scripts)
            {
                if (IsRecorded(recorded, script))
                {
                    continue;
                }

                await ApplyAsync(connection, script, cancellationToken);
                applied.Add(script.Name);
                Log.MigrationApplied(_logger, script.Name, script.Checksum);
            }

            Log.MigrationsCurrent(_logger, applied.Count, scripts.Count);
            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", CancellationToken.None);
        }
    }

    private static bool IsRecorded(Dictionary<string, string> recorded, PostgresMigrationScript script)
    {
        if (!recorded.TryGetValue(script.Name, out var checksum))
        {
            return false;
        }

        if (!string.Equals(checksum, script.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"PostgreSQL script {script.Name} ({script.Path}) has changed since it was applied: recorded checksum "
                + $"{checksum}, file checksum {script.Checksum}. Applied scripts are never edited; restore the "
                + "original and put the change in a new numbered script.");
        }

        return true;
    }

    private async Task ApplyAsync(
        NpgsqlConnection connection,
        PostgresMigrationScript script,
        CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, script.Text, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO kwaf_schema_migrations (script_name, checksum, applied_at) "
                + "VALUES (@name, @checksum, @appliedAt);",
                connection);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            record.Parameters.AddWithValue("appliedAt", _timeProvider.GetUtcNow());
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new InvalidOperationException(
                $"PostgreSQL script {script.Name} ({script.Path}) failed and was rolled back: {exception.Message}",
                exception);
        }
    }

    private static async Task<Dictionary<string, string>> ReadRecordedAsync(
        NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT script_name, checksum FROM kwaf_schema_migrations;",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded[reader.GetString(0)] = reader.GetString(1);
        }

        return recorded;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
