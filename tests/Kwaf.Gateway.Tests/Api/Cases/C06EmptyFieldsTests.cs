using System.Net;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>C-06: an event with an empty userId and no userAgent or bytes key is one ordinary event.</summary>
public sealed class C06EmptyFieldsTests
{
    private const string Ip = "203.0.113.70";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 5, TimeSpan.Zero);

    [Fact]
    public async Task PostEvents_EmptyUserIdNoAgentNoBytes_IsAcceptedAndRated()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, CaseSettings.None);

        var result = await gateway.SendAsync(Sparse);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, rating.GetProperty("totalEvents").GetInt64());
        Assert.Empty(rating.GetProperty("peers").EnumerateArray());
    }

    [Fact]
    public async Task PostEvents_NoUserAgent_ShowsMissingAgentInTheExplanation()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, CaseSettings.None);

        await gateway.SendAsync(Sparse);
        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.Contains(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "missing-agent");
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("-", HttpStatusCode.BadRequest)]
    [InlineData("u-1001", HttpStatusCode.NotFound)]
    public async Task Ratings_UserOfAnEmptyOrDashUserId_DoesNotExist(string userId, HttpStatusCode expected)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, CaseSettings.None);
        await gateway.SendAsync(Sparse, TestEvents.Event(T0, Ip, "GET", "/account", 200, userId: "-"));

        using var response = await gateway.Client.GetAsync($"/ratings?user_id={userId}");

        var problem = await ApiCalls.ReadJsonAsync(response, expected, $"user rating of '{userId}'");
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("user_id", problem.GetProperty("parameter").GetString());
        }
    }

    private static string Sparse =>
        "{\"time\":\"2025-03-10T12:00:05Z\",\"ip\":\"203.0.113.70\",\"userId\":\"\",\"method\":\"GET\","
        + "\"path\":\"/account\",\"status\":200}";
}
