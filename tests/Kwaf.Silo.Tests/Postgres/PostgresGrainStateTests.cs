using Kwaf.Grains.Hosting;
using Kwaf.Subjects;
using Kwaf.Tests.Shared.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kwaf.Silo.Tests.Postgres;

/// <summary>Subject grain state through PostgreSQL, with real silos on one database per test class.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresGrainStateTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Ingest_SiloRestart_StateComesBackFromPostgres()
    {
        const string ip = "198.51.100.31";
        var serviceId = NewServiceId();
        await using (var first = await PostgresSilo.StartAsync(_database.ConnectionString, serviceId))
        {
            await first.Grains.GetGrain<IClientIpGrain>(SiloEvents.IpKey(ip))
                .IngestAsync(SiloEvents.Gets(ip, SiloEvents.T0, 7));
        }

        await using var second = await PostgresSilo.StartAsync(_database.ConnectionString, serviceId);
        var rating = await second.Grains.GetGrain<IClientIpGrain>(SiloEvents.IpKey(ip)).GetRatingAsync(null);
        var rows = await _database.ScalarAsync("SELECT COUNT(*) FROM kwaf_grain_state WHERE grain_type = 'clientIp';");

        Assert.NotNull(rating);
        Assert.Equal(7, rating!.TotalEvents);
        Assert.Equal(1L, rows);
    }

    [Fact]
    public async Task Deactivation_TwoActivationsOneStale_NewerStoredStateKept()
    {
        const string ip = "198.51.100.32";
        var serviceId = NewServiceId();
        var stale = await PostgresSilo.StartAsync(_database.ConnectionString, serviceId);
        await stale.Grains.GetGrain<IClientIpGrain>(SiloEvents.IpKey(ip))
            .IngestAsync(SiloEvents.Gets(ip, SiloEvents.T0, 2));
        await using (var newer = await PostgresSilo.StartAsync(_database.ConnectionString, serviceId))
        {
            await newer.Grains.GetGrain<IClientIpGrain>(SiloEvents.IpKey(ip))
                .IngestAsync(SiloEvents.Gets(ip, SiloEvents.T0.AddMinutes(1), 5));
        }

        // The stale activation never read the row the newer one wrote: its write conflicts, and it must keep the
        // stored state, whose newest event is later.
        await stale.DisposeAsync();
        await using var reader = await PostgresSilo.StartAsync(_database.ConnectionString, serviceId);
        var rating = await reader.Grains.GetGrain<IClientIpGrain>(SiloEvents.IpKey(ip)).GetRatingAsync(null);

        Assert.NotNull(rating);
        Assert.Equal(5, rating!.TotalEvents);
        Assert.Equal(SiloEvents.T0.AddMinutes(1).AddSeconds(4), rating.LastSeen);
    }

    [Fact]
    public async Task WriteStateAsync_StaleVersion_ThrowsConflictAndKeepsStoredRow()
    {
        await using var silo = await PostgresSilo.StartAsync(_database.ConnectionString, NewServiceId());
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(KwafStorageNames.Subjects);
        var grainId = GrainId.Create("test", "k:conflict");
        var first = new GrainState<ProbeState>(new ProbeState { Value = 1 });
        var racing = new GrainState<ProbeState>(new ProbeState { Value = 2 });
        await storage.WriteStateAsync("probe", grainId, first);

        first.State = new ProbeState { Value = 3 };
        await storage.WriteStateAsync("probe", grainId, first);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("probe", grainId, racing));
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe", grainId, read);

        Assert.Equal(3, read.State!.Value);
        Assert.Equal("2", read.ETag);
    }

    private static string NewServiceId() => "s-" + Guid.NewGuid().ToString("N");
}
