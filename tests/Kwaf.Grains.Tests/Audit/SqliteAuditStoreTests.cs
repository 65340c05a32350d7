using Kwaf.Grains.Audit;
using Kwaf.Grains.Hosting;
using Kwaf.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Kwaf.Grains.Tests.Audit;

public sealed class SqliteAuditStoreTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kwaf-audit-" + Guid.NewGuid().ToString("N"));
    private SqliteGrainStoreDataSource? _dataSource;

    private SqliteAuditStore Store => new(_dataSource!);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _dataSource = new SqliteGrainStoreDataSource(Path.Combine(_folder, "kwaf.db"), TimeSpan.FromSeconds(5));
        var script = await File.ReadAllTextAsync(
            Path.Combine(TestServers.RepositoryRoot, "sql", "sqlite", "002_audit_log.sql"));
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = script + script;
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public Task ReadAsync_SeveralPages_ReturnsEveryRecordNewestFirst() =>
        AuditStoreScenarios.AssertPagesNewestFirstAsync(Store, Store);

    [Fact]
    public Task ReadAsync_SubjectAndTimeFilters_ReturnsOnlyMatches() =>
        AuditStoreScenarios.AssertFiltersAsync(Store, Store);

    [Fact]
    public Task ReadAsync_AfterAppend_ReturnsEveryField() =>
        AuditStoreScenarios.AssertFieldsRoundTripAsync(Store, Store);
}
