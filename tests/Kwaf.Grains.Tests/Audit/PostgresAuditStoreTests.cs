using Kwaf.Grains.Audit;
using Kwaf.Tests.Shared;
using Npgsql;

namespace Kwaf.Grains.Tests.Audit;

[Trait("Category", "Integration")]
public sealed class PostgresAuditStoreTests : IAsyncLifetime
{
    private readonly string _database = "kwaf_" + Guid.NewGuid().ToString("N");
    private PostgresAuditStore? _store;

    private PostgresAuditStore Store => _store!;

    public async Task InitializeAsync()
    {
        await using (var admin = NpgsqlDataSource.Create(TestServers.Postgres))
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {_database}");
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = _database }
            .ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var script = await File.ReadAllTextAsync(
            Path.Combine(TestServers.RepositoryRoot, "sql", "postgresql", "010_audit_log.sql"));
        await using (var command = dataSource.CreateCommand(script + script))
        {
            await command.ExecuteNonQueryAsync();
        }

        _store = new PostgresAuditStore(dataSource);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await using var admin = NpgsqlDataSource.Create(TestServers.Postgres);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
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

    [Fact]
    public async Task AppendAsync_ThousandRecordsInOneCopy_StoresEveryRecord()
    {
        var records = Enumerable.Range(0, 1_000).Select(i => AuditTestData.Decision("198.51.100.23", i)).ToList();

        await Store.AppendAsync(records, CancellationToken.None);

        var pages = await AuditStoreScenarios.ReadAllPagesAsync(
            Store,
            new AuditQuery(AuditTarget.Ip, "198.51.100.23", null, null, 1_000, null));
        Assert.Equal(1_000, pages.Sum(page => page.Items.Count));
        Assert.Equal(1_000, pages[0].Items.Select(record => record.Sequence).Distinct().Count());
    }
}
