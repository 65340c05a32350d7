using System.Net;
using System.Text;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-05, third run: an NDJSON batch of three events whose middle one carries raw bytes that are not UTF-8 in its
/// path and user agent. kwaf accepts it losslessly: invalid bytes of the target are percent-encoded, and the event
/// counts as a 404 with an invalid-encoding trait; its neighbours are rated as usual.
/// </summary>
public sealed class C05InvalidBytesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostEvents_MiddleEventWithRawInvalidBytes_AllThreeAccepted()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(3), CaseSettings.None);

        using var response = await gateway.Client.PostBytesAsync("/events", Body(), ApiCalls.Ndjson);
        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "NDJSON with invalid bytes");
        await gateway.Factory.FlushAsync();

        Assert.Equal(3, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, (await gateway.Client.GetIpRatingAsync("203.0.113.31")).GetProperty("totalEvents").GetInt64());
        Assert.Equal(1, (await gateway.Client.GetIpRatingAsync("198.51.100.3")).GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task PostEvents_InvalidBytesInPath_ArePercentEncodedAndCountAsA404()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(3), CaseSettings.None);

        using var response = await gateway.Client.PostBytesAsync("/events", Body(), ApiCalls.Ndjson);
        await gateway.Factory.FlushAsync();
        var rating = await gateway.Client.GetIpRatingAsync("203.0.113.31");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(
            rating.GetProperty("endpoints").EnumerateArray(),
            e => e.GetProperty("endpoint").GetString() == "GET /caf%E9/%C3(");
        Assert.Equal(1, rating.GetProperty("windows")[0].GetProperty("notFound").GetInt64());
    }

    [Fact]
    public async Task PostEvents_InvalidBytes_ShowAsEncodedEvasionInTheExplanation()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(3), CaseSettings.None);

        using var response = await gateway.Client.PostBytesAsync("/events", Body(), ApiCalls.Ndjson);
        await gateway.Factory.FlushAsync();
        var rating = await gateway.Client.GetIpRatingAsync("203.0.113.31");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "encoded-evasion");
    }

    /// <summary>The middle line holds 0xE9, 0xC3 0x28 in the path and 0xFF 0xFE in the user agent, raw.</summary>
    private static byte[] Body()
    {
        var body = new List<byte>();
        var first = TestEvents.Event(T0.AddSeconds(1), "203.0.113.31", "GET", "/", 200);
        body.AddRange(Encoding.UTF8.GetBytes(first + "\n"));
        body.AddRange(Encoding.ASCII.GetBytes(
            "{\"time\":\"2025-03-10T12:00:02Z\",\"ip\":\"203.0.113.31\",\"method\":\"GET\",\"path\":\"/caf"));
        body.AddRange([0xE9, (byte)'/', 0xC3, 0x28]);
        body.AddRange(Encoding.ASCII.GetBytes("\",\"status\":404,\"userAgent\":\"Mozilla/5.0 "));
        body.AddRange([0xFF, 0xFE]);
        body.AddRange(Encoding.ASCII.GetBytes("\"}\n"));
        var third = TestEvents.Event(T0.AddSeconds(3), "198.51.100.3", "GET", "/", 200);
        body.AddRange(Encoding.UTF8.GetBytes(third + "\n"));
        return [.. body];
    }
}
