namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-10 with the Unix-like path profile: dot segments, repeated slashes and backslashes cannot dodge rules.
/// </summary>
public sealed class C10DotSegmentTests
{
    private const string Ip = "203.0.113.101";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Paths =
    [
        "/admin/config.php",
        "/static/./../admin/config.php",
        "//admin//config.php",
        "/admin/./config.php",
        "/admin/config.php/.",
        "/admin/config.php.",
        "/admin\\config.php",
        "/x/..%2fadmin/config.php",
        "/../../etc/passwd",
    ];

    [Fact]
    public async Task PostEvents_FirstFive_CountOnOneKey()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 0, 5);
        var endpoints = C09PercentEncodedPathTests.Endpoints(await gateway.Client.GetIpRatingAsync(Ip));

        Assert.Equal(5, endpoints["GET /admin/config.php"]);
    }

    [Fact]
    public async Task PostEvents_TrailingDotAndBackslash_KeepOwnKeysAndAreEvasionShaped()
    {
        await using var gateway = await StartAsync();

        await SendAsync(gateway, 5, 2);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        var endpoints = C09PercentEncodedPathTests.Endpoints(rating);
        Assert.Equal(1, endpoints["GET /admin/config.php."]);
        Assert.Equal(1, endpoints["GET /admin\\config.php"]);
        Assert.Equal(2, Signal(rating, "encoded-evasion").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task PostEvents_EncodedAndRootTraversal_RaiseTheRiskWithRawPathsAsEvidence()
    {
        await using var gateway = await StartAsync();
        await SendAsync(gateway, 0, 7);
        var before = (await gateway.Client.GetIpRatingAsync(Ip)).GetProperty("score").GetDouble();

        await SendAsync(gateway, 7, 2);
        var after = await gateway.Client.GetIpRatingAsync(Ip);

        var endpoints = C09PercentEncodedPathTests.Endpoints(after);
        Assert.Equal(1, endpoints["GET /x/..%2Fadmin/config.php"]);
        Assert.Equal(1, endpoints["GET /etc/passwd"]);
        Assert.True(after.GetProperty("score").GetDouble() > before, $"score {before} did not rise");
        var traversal = Signal(after, "injection");
        // Events 2, 8 and 9: the raw "../" of event 2 counts although its normalized form holds none.
        Assert.Equal(3, traversal.GetProperty("count").GetInt64());
        Assert.Equal("/../../etc/passwd", traversal.GetProperty("evidence").GetString());
    }

    private static System.Text.Json.JsonElement Signal(System.Text.Json.JsonElement rating, string name) =>
        Assert.Single(rating.GetProperty("signals").EnumerateArray(), s => s.GetProperty("name").GetString() == name);

    private static Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(
        T0.AddSeconds(Paths.Length),
        CaseSettings.None.With("Kwaf:Ingestion:PathProfile", "Unix"));

    private static Task SendAsync(GatewayUnderTest gateway, int from, int count) => gateway.SendAsync(
        Enumerable.Range(from, count)
            .Select(i => TestEvents.Event(T0.AddSeconds(i), Ip, "GET", Paths[i], 404))
            .ToArray());
}
