using System.Net;
using Kwaf.Gateway.Tests.Api.Cases;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Tests.Shared.Postgres;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// C-11 on PostgreSQL: a block's expiry is an absolute instant that a graceful restart does not move, and a block that
/// expired while kwaf was down is not applied again (5 failed logins in 60 s block for 600 s). The kill -9 run, on
/// both stores, is <c>EndToEnd.C11KillRestartTests</c>.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C11PostgresBlockExpiryTests : IAsyncLifetime
{
    private const string Ip = "198.51.100.23";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly string _serviceId = "s-" + Guid.NewGuid().ToString("N");
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restart_ActiveBlock_KeepsItsExpiryAndEndsAtIt()
    {
        var blockedAt = T0.AddMinutes(30);
        var expiresBefore = await BlockAsync(blockedAt, blockedAt);

        await using var restarted = await StartAsync(T0.AddMinutes(35));
        restarted.SetClock(T0.AddMinutes(39).AddSeconds(59));
        var justBefore = await restarted.CheckAsync(Ip);
        var expiresAfter = (await restarted.Client.GetIpRatingAsync(Ip)).GetProperty("decisionExpires")
            .GetDateTimeOffset();
        restarted.SetClock(T0.AddMinutes(40).AddSeconds(1));
        var justAfter = await restarted.CheckAsync(Ip);
        var rating = await restarted.Client.GetIpRatingAsync(Ip);

        Assert.Equal(T0.AddMinutes(40), expiresBefore);
        Assert.Equal(expiresBefore, expiresAfter);
        Assert.Equal(HttpStatusCode.Forbidden, justBefore);
        Assert.Equal(HttpStatusCode.NoContent, justAfter);
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
        Assert.Equal(expiresBefore, rating.GetProperty("lastDecision").GetProperty("expires").GetDateTimeOffset());
    }

    [Fact]
    public async Task Restart_BlockThatExpiredWhileDown_IsNotAppliedAgain()
    {
        await BlockAsync(T0.AddMinutes(26), T0.AddMinutes(35));

        await using var restarted = await StartAsync(T0.AddMinutes(38).AddSeconds(1));
        var status = await restarted.CheckAsync(Ip);
        using var list = await restarted.Client.GetAsync("/decisions");
        var decisions = await ApiCalls.ReadJsonAsync(list, HttpStatusCode.OK, "decisions after restart");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty(decisions.EnumerateArray());
    }

    private async Task<DateTimeOffset> BlockAsync(DateTimeOffset decidedAt, DateTimeOffset stopAt)
    {
        await using var gateway = await StartAsync(decidedAt);
        var logins = Enumerable.Range(0, 5).Select(i => TestEvents.FailedLogin(decidedAt.AddSeconds(i - 4), Ip));
        await gateway.SendAsync([.. logins]);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.CheckAsync(Ip));
        var expires = (await gateway.Client.GetIpRatingAsync(Ip)).GetProperty("decisionExpires").GetDateTimeOffset();
        gateway.SetClock(stopAt);
        return expires;
    }

    private Task<GatewayUnderTest> StartAsync(DateTimeOffset clock) => GatewayUnderTest.StartAsync(
        clock,
        CaseSettings.FailedLoginsBlock(5)
            .With("Kwaf:Storage:Provider", "PostgreSql")
            .With("ConnectionStrings:Postgres", _database.ConnectionString)
            .With("Kwaf:Cluster:ServiceId", _serviceId)
            .With("Kwaf:Policy:BlockDurations:0", "00:10:00"));
}
