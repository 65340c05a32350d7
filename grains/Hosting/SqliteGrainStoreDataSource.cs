using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Hands out connections to the embedded SQLite file with the per-connection settings that keep concurrent
/// grain writes fast: SQLite's own busy wait instead of Microsoft.Data.Sqlite's blocking 150 ms retry sleep,
/// and synchronous=NORMAL, which in WAL mode can lose the last commits on power loss but never corrupts.
/// </summary>
internal sealed class SqliteGrainStoreDataSource : DbDataSource
{
    private static readonly object Configured = new();

    private readonly string _connectionString;
    private readonly string _openStatements;

    // The SQLite handles that have had the settings. A pooled connection reopens the same handle, which keeps them,
    // so each handle is set up once rather than on every open (two statements to compile and run per grain write).
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    /// <summary>Creates a data source for one database file.</summary>
    /// <param name="databasePath">The full path of the SQLite file; created on first open when missing.</param>
    /// <param name="busyTimeout">How long a statement waits for a locked database before it fails.</param>
    public SqliteGrainStoreDataSource(string databasePath, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        };
        _connectionString = builder.ToString();
        var busyMilliseconds = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _openStatements = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL;";
    }

    /// <inheritdoc />
    public override string ConnectionString => _connectionString;

    /// <inheritdoc />
    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(_connectionString);

        // The provider may open the connection itself rather than through OpenConnection, so the settings are
        // applied on the transition to Open, whoever opens it.
        connection.StateChange += ApplyConnectionSettings;
        return connection;
    }

    private void ApplyConnectionSettings(object sender, StateChangeEventArgs change)
    {
        if (change.CurrentState != ConnectionState.Open || change.OriginalState == ConnectionState.Open)
        {
            return;
        }

        var connection = (SqliteConnection)sender;
        if (connection.Handle is not { } handle || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = _openStatements;
            command.ExecuteNonQuery();
        }

        _configured.AddOrUpdate(handle, Configured);
    }
}
