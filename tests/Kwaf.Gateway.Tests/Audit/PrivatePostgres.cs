using System.Diagnostics;
using Kwaf.Tests.Shared;
using Npgsql;

namespace Kwaf.Gateway.Tests.Audit;

/// <summary>
/// A PostgreSQL instance of this test alone (scripts/servers.sh in its own folder), so that stopping it for an outage
/// does not fail the other integration tests that share <see cref="TestServers"/>. Removed on dispose.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;

    private PrivatePostgres(string folder, string connectionString)
    {
        _folder = folder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kwaf-audit-pg-" + Guid.NewGuid().ToString("N"));
        var output = await RunAsync("start", folder);
        var connectionString = output.Split('\n')
            .Select(line => line.Split('=', 2))
            .Single(parts => parts[0] == "KWAF_TEST_POSTGRES")[1];
        return new PrivatePostgres(folder, connectionString);
    }

    public Task StopAsync() => RunAsync("pg-stop", _folder);

    public Task RestartAsync() => RunAsync("pg-start", _folder);

    public async Task ExecuteAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("stop", _folder);
    }

    private static async Task<string> RunAsync(string verb, string folder)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(TestServers.RepositoryRoot, "scripts", "servers.sh"));
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"scripts/servers.sh {verb} failed: {await error}");
        return await output;
    }
}
