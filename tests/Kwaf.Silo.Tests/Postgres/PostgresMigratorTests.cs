using Kwaf.Grains.Storage;
using Kwaf.Tests.Shared.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kwaf.Silo.Tests.Postgres;

[Trait("Category", "Integration")]
public sealed class PostgresMigratorTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;
    private string _scripts = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _scripts = Directory.CreateTempSubdirectory("kwaf-scripts-").FullName;
        foreach (var file in Directory.EnumerateFiles(PostgresMigrationScript.DefaultFolder, "*.sql"))
        {
            File.Copy(file, Path.Combine(_scripts, Path.GetFileName(file)));
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_scripts, recursive: true);
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesEachScriptOnceAndRecordsIt()
    {
        var expected = PostgresMigrationScript.Discover(_scripts).Select(script => script.Name).ToList();

        var first = await NewMigrator().MigrateAsync(CancellationToken.None);
        var second = await NewMigrator().MigrateAsync(CancellationToken.None);
        var recorded = await _database.ScalarAsync("SELECT COUNT(*) FROM kwaf_schema_migrations;");
        var queries = await _database.ScalarAsync("SELECT COUNT(*) FROM orleansquery;");

        Assert.Equal(expected, first);
        Assert.Empty(second);
        Assert.Equal((long)expected.Count, recorded);
        Assert.Equal(3L, queries);
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptChanged_RefusesNamingTheScript()
    {
        await NewMigrator().MigrateAsync(CancellationToken.None);
        var changed = Path.Combine(_scripts, "002_orleans_grain_state.sql");
        await File.AppendAllTextAsync(changed, "\n-- edited after it was applied\n");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => NewMigrator().MigrateAsync(CancellationToken.None));

        Assert.Contains("002_orleans_grain_state.sql", exception.Message, StringComparison.Ordinal);
        Assert.Contains("changed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_NewScriptAdded_AppliesOnlyThatOne()
    {
        await NewMigrator().MigrateAsync(CancellationToken.None);
        await File.WriteAllTextAsync(
            Path.Combine(_scripts, "099_test_table.sql"),
            "CREATE TABLE IF NOT EXISTS kwaf_test_added (id INTEGER PRIMARY KEY);\n");

        var applied = await NewMigrator().MigrateAsync(CancellationToken.None);
        var exists = await _database.ScalarAsync("SELECT to_regclass('kwaf_test_added') IS NOT NULL;");

        Assert.Equal(["099_test_table.sql"], applied);
        Assert.Equal(true, exists);
    }

    private PostgresMigrator NewMigrator() => new(
        _database.ConnectionString,
        _scripts,
        TimeProvider.System,
        NullLogger<PostgresMigrator>.Instance);
}
