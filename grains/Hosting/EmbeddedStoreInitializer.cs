using System.Globalization;
using Kwaf.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Prepares the embedded SQLite store before the silo starts: creates the data folder and the database file,
/// switches it to WAL, and applies the numbered scripts of the script folder that are not yet recorded in
/// <c>kwaf_schema_version</c>, in file name order, each in its own transaction together with its record.
/// </summary>
internal sealed partial class EmbeddedStoreInitializer
{
    /// <summary>Where the scripts are deployed, relative to the application folder.</summary>
    public static readonly string DefaultScriptFolder = Path.Combine(AppContext.BaseDirectory, "sql", "sqlite");

    private const string VersionTable = "kwaf_schema_version";

    private readonly KwafStorageOptions _options;
    private readonly string _scriptFolder;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmbeddedStoreInitializer> _logger;

    /// <summary>Creates an initializer.</summary>
    /// <param name="options">The storage options; their data path and busy timeout are used.</param>
    /// <param name="scriptFolder">The folder of the numbered <c>NNN_name.sql</c> scripts.</param>
    /// <param name="timeProvider">The clock for the recorded application time.</param>
    /// <param name="logger">The logger.</param>
    public EmbeddedStoreInitializer(
        KwafStorageOptions options,
        string scriptFolder,
        TimeProvider timeProvider,
        ILogger<EmbeddedStoreInitializer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(scriptFolder);
        _options = options;
        _scriptFolder = scriptFolder;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The folder of the database file.</summary>
    public string DataFolder => Path.GetDirectoryName(_options.GetSqliteFilePath())!;

    /// <summary>Creates the store when missing and applies every script not applied before.</summary>
    /// <param name="cancellationToken">Cancels between scripts.</param>
    /// <returns>The names of the scripts applied by this call, in order; empty when the store was current.</returns>
    /// <exception cref="InvalidOperationException">A script is misnamed or fails; the message names the
    /// database file and the script, and the SQLite error is the inner exception.</exception>
    public async Task<IReadOnlyList<string>> InitializeAsync(CancellationToken cancellationToken)
    {
        var databasePath = _options.GetSqliteFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var scripts = EmbeddedStoreScript.Discover(_scriptFolder);
        using var dataSource = new SqliteGrainStoreDataSource(databasePath, _options.BusyTimeout);
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

        var applied = new List<string>();
        foreach (var script in scripts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ApplyIfMissingAsync(connection, script, databasePath, cancellationToken))
            {
                applied.Add(script.Name);
                Log.ScriptApplied(_logger, script.Name, databasePath);
            }
        }

        Log.StoreReady(_logger, databasePath, applied.Count, scripts.Count);
        return applied;
    }

    /// <summary>Adds every state the store holds for <paramref name="serviceId"/> to <paramref name="keys"/>.</summary>
    /// <param name="keys">The set to fill.</param>
    /// <param name="serviceId">The Orleans service id the rows are filed under.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>How many rows were read.</returns>
    public async Task<long> LoadStoredKeysAsync(
        StoredKeySet keys,
        string serviceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var databasePath = _options.GetSqliteFilePath();
        using var dataSource = new SqliteGrainStoreDataSource(databasePath, _options.BusyTimeout);
        await using var connection = (SqliteConnection)await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_type_string, grain_id_extension_string FROM orleans_storage "
            + "WHERE service_id = @serviceId;";
        command.Parameters.AddWithValue("@serviceId", serviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0), reader.GetString(1));
            rows++;
        }

        Log.StoredKeysLoaded(_logger, databasePath, rows);
        return rows;
    }

    /// <summary>Logs that the data folder cannot be locked, so every state is read.</summary>
    public void ReportLockingDisabled() => Log.LockingDisabled(_logger, DataFolder);

    private async Task<bool> ApplyIfMissingAsync(
        SqliteConnection connection,
        EmbeddedStoreScript script,
        string databasePath,
        CancellationToken cancellationToken)
    {
        // IMMEDIATE takes the write lock before the check, so two processes starting on one folder cannot both
        // apply a script.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.Serializable,
            cancellationToken);
        if (await IsRecordedAsync(connection, script.Name, cancellationToken))
        {
            return false;
        }

        try
        {
            await ExecuteAsync(connection, script.ReadText(), cancellationToken);
            await RecordAsync(connection, script.Name, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException)
        {
            throw new InvalidOperationException(
                $"Embedded store {databasePath}: script {script.Name} ({script.Path}) failed and was rolled back: "
                + exception.Message,
                exception);
        }

        return true;
    }

    private static async Task<bool> IsRecordedAsync(
        SqliteConnection connection,
        string scriptName,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table;";
        command.Parameters.AddWithValue("@table", VersionTable);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            return false;
        }

        command.Parameters.Clear();
        command.CommandText = $"SELECT COUNT(*) FROM {VersionTable} WHERE script_name = @name;";
        command.Parameters.AddWithValue("@name", scriptName);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private async Task RecordAsync(SqliteConnection connection, string scriptName, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {VersionTable} (script_name, applied_at) VALUES (@name, @appliedAt);";
        command.Parameters.AddWithValue("@name", scriptName);
        command.Parameters.AddWithValue(
            "@appliedAt",
            _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
