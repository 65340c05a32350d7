using System.Globalization;
using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class SqliteGrainStoreDataSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CreateConnection_OpenedByCaller_SetsBusyTimeout()
    {
        using var dataSource = new SqliteGrainStoreDataSource(DatabasePath(), TimeSpan.FromMilliseconds(2500));
        await using var connection = dataSource.CreateConnection();

        await connection.OpenAsync();

        Assert.Equal(2500L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task OpenConnectionAsync_AnyConnection_SetsSynchronousNormal()
    {
        using var dataSource = new SqliteGrainStoreDataSource(DatabasePath(), TimeSpan.FromSeconds(5));

        await using var connection = await dataSource.OpenConnectionAsync();

        // 1 is NORMAL; SQLite's default is 2 (FULL).
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;"));
    }

    [Fact]
    public async Task OpenConnectionAsync_PooledConnectionReopened_KeepsBothSettings()
    {
        using var dataSource = new SqliteGrainStoreDataSource(DatabasePath(), TimeSpan.FromMilliseconds(3500));
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(3500L, await ScalarAsync(first, "PRAGMA busy_timeout;"));
        }

        // The pool hands back the same SQLite handle, which the data source does not set up again.
        await using var again = await dataSource.OpenConnectionAsync();

        Assert.Equal(3500L, await ScalarAsync(again, "PRAGMA busy_timeout;"));
        Assert.Equal(1L, await ScalarAsync(again, "PRAGMA synchronous;"));
    }

    private string DatabasePath() => Path.Combine(_folder.Path, "kwaf.db");

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
