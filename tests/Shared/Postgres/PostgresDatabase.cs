using Npgsql;

namespace Kwaf.Tests.Shared.Postgres;

/// <summary>
/// A database of its own on the test PostgreSQL server (<c>kwaf_</c> plus a GUID), created on
/// <see cref="CreateAsync"/> and dropped on dispose, so that test classes never see each other's rows.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _name;

    private PostgresDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The Npgsql connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = "kwaf_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(TestServers.Postgres))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name };
        return new PostgresDatabase(name, builder.ConnectionString);
    }

    /// <summary>Runs one statement and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Opens a connection to the database; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
