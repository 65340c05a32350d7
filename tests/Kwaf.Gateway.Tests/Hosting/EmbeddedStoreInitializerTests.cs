using Kwaf.Grains.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class EmbeddedStoreInitializerTests : IDisposable
{
    private const string FirstScript = "001_orleans_grain_storage.sql";
    private const string AuditScript = "002_audit_log.sql";
    private static readonly DateTimeOffset StartTime = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(StartTime);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InitializeAsync_EmptyDataFolder_AppliesEveryScript()
    {
        var initializer = CreateInitializer(EmbeddedStoreInitializer.DefaultScriptFolder);

        var applied = await initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal([FirstScript, AuditScript], applied);
    }

    [Fact]
    public async Task InitializeAsync_SecondRun_AppliesNothing()
    {
        await CreateInitializer(EmbeddedStoreInitializer.DefaultScriptFolder).InitializeAsync(CancellationToken.None);

        var applied = await CreateInitializer(EmbeddedStoreInitializer.DefaultScriptFolder)
            .InitializeAsync(CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task InitializeAsync_EmptyDataFolder_RecordsScriptWithApplicationTime()
    {
        var initializer = CreateInitializer(EmbeddedStoreInitializer.DefaultScriptFolder);

        await initializer.InitializeAsync(CancellationToken.None);

        var rows = await QueryAsync("SELECT script_name || '|' || applied_at FROM kwaf_schema_version;");
        Assert.Equal(
            [FirstScript + "|" + StartTime.ToString("O"), AuditScript + "|" + StartTime.ToString("O")],
            rows);
    }

    [Fact]
    public async Task InitializeAsync_EmptyDataFolder_SwitchesDatabaseToWal()
    {
        var initializer = CreateInitializer(EmbeddedStoreInitializer.DefaultScriptFolder);

        await initializer.InitializeAsync(CancellationToken.None);

        Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task InitializeAsync_FailingScript_ThrowsNamingScriptAndDatabase()
    {
        var scripts = CreateScriptFolder(("002_broken.sql", "CREATE TABLE broken (id INTEGER; "));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CreateInitializer(scripts).InitializeAsync(CancellationToken.None));

        Assert.Contains("002_broken.sql", exception.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder.Path, "data", "kwaf.db"), exception.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(exception.InnerException);
    }

    [Fact]
    public async Task InitializeAsync_FailingScript_RollsBackAndRecordsOnlyEarlierScripts()
    {
        var scripts = CreateScriptFolder(("002_broken.sql", "CREATE TABLE half (id INTEGER); SELECT * FROM missing;"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => CreateInitializer(scripts).InitializeAsync(CancellationToken.None));

        Assert.Equal([FirstScript], await QueryAsync("SELECT script_name FROM kwaf_schema_version;"));
        Assert.Empty(await QueryAsync("SELECT name FROM sqlite_master WHERE name = 'half';"));
    }

    [Fact]
    public async Task InitializeAsync_NewScriptAfterFirstRun_AppliesOnlyTheNewScript()
    {
        var scripts = CreateScriptFolder();
        await CreateInitializer(scripts).InitializeAsync(CancellationToken.None);
        File.WriteAllText(Path.Combine(scripts, "002_extra.sql"), "CREATE TABLE IF NOT EXISTS extra (id INTEGER);");

        var applied = await CreateInitializer(scripts).InitializeAsync(CancellationToken.None);

        Assert.Equal(["002_extra.sql"], applied);
    }

    [Theory]
    [InlineData("2_short.sql")]
    [InlineData("extra.sql")]
    public async Task InitializeAsync_UnnumberedScript_ThrowsNamingFile(string fileName)
    {
        var scripts = CreateScriptFolder((fileName, "SELECT 1;"));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => CreateInitializer(scripts).InitializeAsync(CancellationToken.None));

        Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
    }

    private EmbeddedStoreInitializer CreateInitializer(string scriptFolder)
    {
        var options = new KwafStorageOptions { DataPath = Path.Combine(_folder.Path, "data") };
        return new EmbeddedStoreInitializer(
            options,
            scriptFolder,
            _time,
            NullLogger<EmbeddedStoreInitializer>.Instance);
    }

    private string CreateScriptFolder(params (string Name, string Sql)[] extraScripts)
    {
        var folder = Path.Combine(_folder.Path, "scripts");
        Directory.CreateDirectory(folder);
        File.Copy(
            Path.Combine(EmbeddedStoreInitializer.DefaultScriptFolder, FirstScript),
            Path.Combine(folder, FirstScript));
        foreach (var (name, sql) in extraScripts)
        {
            File.WriteAllText(Path.Combine(folder, name), sql);
        }

        return folder;
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection(
            $"Data Source={Path.Combine(_folder.Path, "data", "kwaf.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
