using System.Net;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-09: percent-encoded paths cannot dodge path rules (the sensitive-file rule scores 30 per hit in 60 s, so three
/// hits are critical and block).
/// </summary>
public sealed class C09PercentEncodedPathTests
{
    private const string Ip = "203.0.113.100";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Paths =
        ["/db.sql", "/db%2Esql", "/db%2esql", "/%64b.sql", "/DB.SQL", "/backup/a%2fb.sql", "/backup/a/b.sql"];

    [Fact]
    public async Task PostEvents_EncodedSpellings_BlockAtTheThirdHit()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 0, 2);
        var afterTwo = await gateway.Client.GetIpRatingAsync(Ip);
        await SendAsync(gateway, 2, 1);
        var afterThree = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.NotEqual("block", afterTwo.GetProperty("decision").GetString());
        Assert.Equal("block", afterThree.GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.CheckAsync(Ip));
    }

    [Fact]
    public async Task PostEvents_FirstFour_CountOnOneKeyAndCaseAndEncodedSlashKeepTheirOwn()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 0, Paths.Length);
        var endpoints = Endpoints(await gateway.Client.GetIpRatingAsync(Ip));

        Assert.Equal(4, endpoints["GET /db.sql"]);
        Assert.Equal(1, endpoints["GET /DB.SQL"]);
        Assert.Equal(1, endpoints["GET /backup/a%2Fb.sql"]);
        Assert.Equal(1, endpoints["GET /backup/a/b.sql"]);
    }

    [Fact]
    public async Task PostEvents_Explanation_ShowsTheRawPathAsSent()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 0, 2);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        var signal = Assert.Single(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "sensitive-path");
        Assert.Equal("/db%2Esql", signal.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task PostEvents_UpperCasePath_StillMatchesTheSensitiveRule()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 4, 1);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.Equal(1, rating.GetProperty("windows")[0].GetProperty("sensitivePaths").GetInt64());
    }

    internal static Dictionary<string, long> Endpoints(JsonElement rating) =>
        rating.GetProperty("endpoints").EnumerateArray().ToDictionary(
            e => e.GetProperty("endpoint").GetString()!,
            e => e.GetProperty("events").GetInt64());

    private static Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(
        T0.AddSeconds(Paths.Length),
        CaseSettings.None
            .With("Kwaf:Policy:Detectors:SensitivePath:Window", "00:01:00")
            .With("Kwaf:Policy:Detectors:SensitivePath:Points", "30"));

    private static Task SendAsync(GatewayUnderTest gateway, int from, int count) => gateway.SendAsync(
        Enumerable.Range(from, count)
            .Select(i => TestEvents.Event(T0.AddSeconds(i), Ip, "GET", Paths[i], 404))
            .ToArray());
}
