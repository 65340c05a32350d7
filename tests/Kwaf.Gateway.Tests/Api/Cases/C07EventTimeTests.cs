using System.Net;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-07, JSON event parts: clock 2025-03-10T16:51:10Z, 5 failed logins in 60 s block, accepted future skew 30 s.
/// </summary>
public sealed class C07EventTimeTests
{
    private const string Ip = "203.0.113.80";
    private static readonly DateTimeOffset Clock = new(2025, 3, 10, 16, 51, 10, TimeSpan.Zero);

    [Theory]
    [InlineData("\"2025-03-10T17:51:08+01:00\"")]
    [InlineData("1741625468")]
    public async Task PostEvents_OffsetTimes_AreReadAsUtcAndBlockAtTheFifth(string fifthTime)
    {
        await using var gateway = await StartAsync();
        var events = new[] { "00", "02", "04", "06" }
            .Select(s => Login($"\"2025-03-10T17:51:{s}+01:00\""))
            .Append(Login(fifthTime))
            .ToArray();

        await gateway.SendAsync(events);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.Equal(Clock.AddSeconds(-10), rating.GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(Clock.AddSeconds(-2), rating.GetProperty("lastSeen").GetDateTimeOffset());
        var decision = rating.GetProperty("lastDecision");
        Assert.Equal(Clock.AddSeconds(-2), decision.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.CheckAsync(Ip));
    }

    [Fact]
    public async Task PostEvents_TimeWithoutOffset_IsRejectedNamingTime()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.PostEventsAsync(Login("\"2025-03-10T17:51:08\""));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "zone-less time");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("time", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostEvents_FifteenSecondsAheadWithinSkew_IsAcceptedAndClampedToTheClock()
    {
        await using var gateway = await StartAsync();
        var ahead = "{\"time\":\"2025-03-10T17:51:25+01:00\",\"ip\":\"198.51.100.82\",\"method\":\"GET\","
            + "\"path\":\"/\",\"status\":200,\"userAgent\":\"Mozilla/5.0\"}";

        var result = await gateway.SendAsync(ahead);
        var rating = await gateway.Client.GetIpRatingAsync("198.51.100.82");

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(Clock, rating.GetProperty("lastSeen").GetDateTimeOffset());
    }

    [Fact]
    public async Task PostEvents_BeyondTheSkew_IsRejectedNamingTime()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.PostEventsAsync(Login("\"2025-03-10T17:51:41+01:00\""));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "time beyond the skew");
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("time", error.GetProperty("field").GetString());
    }

    private static Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(
        Clock,
        CaseSettings.FailedLoginsBlock(5).With("Kwaf:Ingestion:MaxFutureSkew", "00:00:30"));

    private static string Login(string timeJson) =>
        $"{{\"time\":{timeJson},\"ip\":\"{Ip}\",\"method\":\"POST\",\"path\":\"/login\",\"status\":401}}";
}
