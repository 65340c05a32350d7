using System.Net;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-02: every spelling of an IPv6 address is one client (JSON events; 5 failed logins in 60 s block).
/// </summary>
public sealed class C02IpSpellingsTests
{
    private const string Canonical = "2001:db8:0:1287::1:1";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Spellings =
    [
        "2001:db8:0:1287::1:1",
        "2001:DB8:0:1287:0:0:1:1",
        "2001:0db8:0000:1287:0000:0000:0001:0001",
    ];

    [Fact]
    public async Task Events_FiveSpellings_CountOnOneCanonicalKeyThatIsBlocked()
    {
        await using var gateway = await StartAndSendAsync();

        var rating = await gateway.Client.GetIpRatingAsync("2001:0db8:0:1287:0:0:1:1");

        Assert.Equal(Canonical, rating.GetProperty("id").GetString());
        Assert.Equal(5, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal("block", rating.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Check_EverySpelling_Answers403()
    {
        await using var gateway = await StartAndSendAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var spelling in Spellings)
        {
            statuses.Add(await gateway.CheckAsync(spelling));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
    }

    [Fact]
    public async Task Events_NeighbourInTheSame64_IsASeparateAllowedKey()
    {
        await using var gateway = await StartAndSendAsync();

        var neighbour = await gateway.Client.GetIpRatingAsync("2001:db8:0:1287::1");
        var status = await gateway.CheckAsync("2001:db8:0:1287::1");

        Assert.Equal("2001:db8:0:1287::1", neighbour.GetProperty("id").GetString());
        Assert.Equal(1, neighbour.GetProperty("totalEvents").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task Events_ZoneSuffix_IsStrippedFromTheKey()
    {
        await using var gateway = await StartAndSendAsync();

        var rating = await gateway.Client.GetIpRatingAsync("2001:db8::7");

        Assert.Equal("2001:db8::7", rating.GetProperty("id").GetString());
        Assert.Equal(1, rating.GetProperty("totalEvents").GetInt64());
    }

    private static async Task<GatewayUnderTest> StartAndSendAsync()
    {
        var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(7), CaseSettings.FailedLoginsBlock(5));
        string[] ips = [Spellings[0], Spellings[0], Spellings[0], Spellings[1], Spellings[2]];
        var events = ips.Select((ip, i) => TestEvents.FailedLogin(T0.AddSeconds(i + 1), ip)).ToList();
        events.Add(TestEvents.Event(T0.AddSeconds(6), "2001:db8:0:1287::1", "GET", "/", 200));
        events.Add(TestEvents.Event(T0.AddSeconds(7), "2001:db8::7%eth0", "GET", "/", 200));
        var result = await gateway.SendAsync([.. events]);
        Assert.Equal(7, result.GetProperty("accepted").GetInt32());
        return gateway;
    }
}
