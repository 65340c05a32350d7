using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Api;

public sealed class CheckEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Check_NeverSeenIp_Answers204Allow()
    {
        using var response = await fixture.Client.CheckIpAsync("198.51.100.201");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("allow", response.Header("X-Kwaf-Decision"));
    }

    [Fact]
    public async Task Check_BlockedIp_Answers403WithDecisionScoreRetryAfterAndNoBody()
    {
        const string ip = "203.0.113.201";
        await fixture.SendFailedLoginsAsync(ip, 5);
        await fixture.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);

        using var response = await fixture.Client.CheckIpAsync(ip);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("block", response.Header("X-Kwaf-Decision"));
        var score = int.Parse(response.Header("X-Kwaf-Score"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(score >= 80, $"score {score} of {ip} is below the critical level");
        Assert.Equal("600", response.Header("Retry-After"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Check_ClientInProxyHeaders_AnswersAsForQueryWithShortCacheLifetime()
    {
        const string ip = "203.0.113.203";
        await fixture.SendFailedLoginsAsync(ip, 5);
        await fixture.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/decisions/check");
        request.Headers.Add("X-Kwaf-Client-IP", ip);
        request.Headers.Add("X-Kwaf-User", "-");

        using var response = await fixture.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("block", response.Header("X-Kwaf-Decision"));
        Assert.Equal("1", response.Header("X-Accel-Expires"));
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Private, "a check answer is for one client only");
    }

    [Fact]
    public async Task Check_QueryAndHeaderBothGiven_QueryWins()
    {
        const string blocked = "203.0.113.204";
        await fixture.SendFailedLoginsAsync(blocked, 5);
        await fixture.Client.CheckEventuallyAsync(blocked, HttpStatusCode.Forbidden, Propagation);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/decisions/check?ip=198.51.100.204");
        request.Headers.Add("X-Kwaf-Client-IP", blocked);

        using var response = await fixture.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Check_BelowThreshold_Answers204()
    {
        const string ip = "203.0.113.202";
        await fixture.SendFailedLoginsAsync(ip, 4);

        using var response = await fixture.Client.CheckIpAsync(ip);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Check_AllowlistedIpWithFailedLogins_IsCountedUnscoredAndAnswers204()
    {
        await fixture.SendFailedLoginsAsync(ApiFixture.AllowlistedIp, 6);

        using var check = await fixture.Client.CheckIpAsync(ApiFixture.AllowlistedIp);
        var rating = await fixture.Client.GetIpRatingAsync(ApiFixture.AllowlistedIp);

        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        Assert.Equal(6, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal(0, rating.GetProperty("score").GetDouble());
        Assert.Empty(rating.GetProperty("signals").EnumerateArray());
        Assert.True(rating.GetProperty("allowlisted").GetBoolean());
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("203.0.113.999")]
    [InlineData("198.51.100.23%00")]
    [InlineData("198.51.100.23:80%00")]
    public async Task Check_InvalidIp_AnswersProblemNamingIp(string ip)
    {
        using var response = await fixture.Client.CheckIpAsync(ip);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "check of a bad ip");
        Assert.Equal("ip", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public void HostingDiagnostics_AreOffByDefault()
    {
        // ASP.NET starts an Activity and a log scope for every request while this category is enabled at any level;
        // the gateway's appsettings.json turns it off so that checks do not pay for them.
        var logger = fixture.Factory.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(logger.IsEnabled(LogLevel.Critical), "hosting diagnostics are enabled");
    }
}
