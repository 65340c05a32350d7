using System.Net;

namespace Kwaf.Gateway.Tests.Api;

public sealed class RatingEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("2001:db8:0:1287::1:7")]
    [InlineData("2001:DB8:0:1287:0:0:1:7")]
    [InlineData("2001:0db8:0000:1287:0000:0000:0001:0007")]
    [InlineData("[2001:db8:0:1287::1:7]")]
    public async Task GetByIp_AnySpelling_ReturnsTheOneSubject(string spelling)
    {
        await SendAsync(TestEvents.Event(null, "2001:db8:0:1287::1:7", "GET", "/", 200));

        var rating = await fixture.Client.GetIpRatingAsync(spelling);

        Assert.Equal("ip", rating.GetProperty("kind").GetString());
        Assert.Equal("2001:db8:0:1287::1:7", rating.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetByUserId_SeenUser_ReturnsTheUserSubject()
    {
        await SendAsync(TestEvents.Event(null, "203.0.113.221", "GET", "/account", 200, userId: "u-rating-1"));

        using var response = await fixture.Client.GetAsync($"/ratings?user_id={"u-rating-1"}");

        var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "user rating");
        Assert.Equal("user", rating.GetProperty("kind").GetString());
        Assert.Equal("u-rating-1", rating.GetProperty("id").GetString());
        Assert.Equal(1, rating.GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task GetByIp_AfterSignalsFired_ShowsThePeakAndItsSignals()
    {
        await SendAsync(TestEvents.Event(null, "203.0.113.223", "GET", "/.env", 404, userAgent: "sqlmap/1.7"));
        var rating = await fixture.Client.GetIpRatingAsync("203.0.113.223");

        var peak = rating.GetProperty("peak");

        Assert.True(peak.GetProperty("score").GetDouble() >= rating.GetProperty("score").GetDouble());
        var signals = peak.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.Contains("sensitive-path", signals);
        Assert.NotEqual(default, peak.GetProperty("at").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("ip", "198.51.100.222")]
    [InlineData("user_id", "u-never-seen")]
    public async Task Get_NeverSeenSubject_Answers404Problem(string parameter, string value)
    {
        using var response = await fixture.Client.GetAsync($"/ratings?{parameter}={value}");

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.NotFound, "unknown subject");
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("ip", "203.0.113.256")]
    [InlineData("ip", "2001:db8::1::7")]
    [InlineData("ip", "")]
    [InlineData("user_id", "")]
    [InlineData("user_id", "  ")]
    [InlineData("user_id", "-")]
    public async Task Get_BadParameter_Answers400ProblemNamingIt(string parameter, string value)
    {
        using var response = await fixture.Client.GetAsync($"/ratings?{parameter}={value}");

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, $"bad {parameter}");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    private async Task SendAsync(string evt)
    {
        using var response = await fixture.Client.PostEventsAsync(evt);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Factory.FlushAsync();
    }
}
