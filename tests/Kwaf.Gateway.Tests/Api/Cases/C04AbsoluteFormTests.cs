using System.Net;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-04 variant: JSON events whose path is the absolute-form target as logged (5 failed logins block).
/// </summary>
public sealed class C04AbsoluteFormTests
{
    private const string Ip = "203.0.113.40";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_AbsoluteAndOriginForms_AreFiveFailedLoginsOnLoginThatBlock()
    {
        await using var gateway = await StartAndSendAsync();

        var rating = await gateway.Client.GetIpRatingAsync(Ip);
        var status = await gateway.CheckAsync(Ip);

        var endpoint = Assert.Single(rating.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("POST /login", endpoint.GetProperty("endpoint").GetString());
        Assert.Equal(5, endpoint.GetProperty("events").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(T0.AddSeconds(5), rating.GetProperty("lastDecision").GetProperty("decidedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Events_AbsoluteForm_AreTaggedUnusualWithTheRawTargetAsEvidence()
    {
        await using var gateway = await StartAndSendAsync();

        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        // The signal's name belongs to the policy; what matters here is that both absolute-form events are tagged.
        var unusual = Assert.Single(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("evidence").GetString() == "https://shop.example.com:443/login?next=%2F");
        Assert.Equal(2, unusual.GetProperty("count").GetInt64());
    }

    private static async Task<GatewayUnderTest> StartAndSendAsync()
    {
        var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(5), CaseSettings.FailedLoginsBlock(5));
        string[] paths =
        [
            "https://shop.example.com/login",
            "https://shop.example.com:443/login?next=%2F",
            "/login",
            "/login",
            "//login",
        ];
        var events = paths.Select((path, i) =>
            TestEvents.Event(T0.AddSeconds(i + 1), Ip, "POST", path, 401, "Mozilla/5.0")).ToArray();
        var result = await gateway.SendAsync(events);
        Assert.Equal(5, result.GetProperty("accepted").GetInt32());
        return gateway;
    }
}
