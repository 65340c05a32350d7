using Kwaf.Tests.Shared.Postgres;
using Npgsql;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// An open transaction holding <c>LOCK TABLE ... IN ACCESS EXCLUSIVE MODE</c>: every other session's read and write
/// of the table waits until it is disposed.
/// </summary>
internal sealed class TableLock : IAsyncDisposable
{
    private readonly NpgsqlTransaction _transaction;

    private TableLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        _transaction = transaction;
    }

    /// <summary>The locking session, which alone can read the table while the lock lasts.</summary>
    public NpgsqlConnection Connection { get; }

    public static async Task<TableLock> TakeAsync(PostgresDatabase database, string table)
    {
        var connection = await database.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            $"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE;",
            connection,
            transaction);
        await command.ExecuteNonQueryAsync();
        return new TableLock(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.CommitAsync();
        await _transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
