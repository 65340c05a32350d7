using System.Net;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>The limits of POST /events: events per batch, body size, NDJSON line length and field lengths.</summary>
public sealed class EventLimitsTests(LimitsFixture fixture) : IClassFixture<LimitsFixture>
{
    private const string BatchReason = "more than 3 events in one request";

    [Fact]
    public async Task PostEvents_ArrayAtBatchLimit_TakesEveryEvent()
    {
        var events = Enumerable.Range(1, LimitsFixture.MaxEventsPerBatch).Select(i => Event($"198.51.100.{i}"));

        using var response = await fixture.Client.PostEventsAsync(TestEvents.Array(events));

        var body = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "batch at the limit");
        Assert.Equal(LimitsFixture.MaxEventsPerBatch, body.GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostEvents_BatchOverLimit_Refuses413NamingEventsAndCounts(bool ndjson)
    {
        // A bad event inside the refused body is not counted as rejected: the body counts once, as refused.
        var events = Enumerable.Range(1, LimitsFixture.MaxEventsPerBatch + 1)
            .Select(i => Event(i == 1 ? "not-an-address" : $"198.51.100.{i}"));
        var before = await fixture.StatsAsync();

        using var response = ndjson
            ? await fixture.Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson)
            : await fixture.Client.PostEventsAsync(TestEvents.Array(events));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.RequestEntityTooLarge, "batch over limit");
        Assert.Equal("events", problem.GetProperty("field").GetString());
        Assert.Equal(BatchReason, problem.GetProperty("reason").GetString());
        Assert.Equal("Kwaf:Events:MaxEventsPerBatch", problem.GetProperty("setting").GetString());
        var after = await fixture.StatsAsync();
        Assert.Equal(
            LimitsFixture.Count(before.GetProperty("limits"), "refusedByReason", "events: " + BatchReason) + 1,
            LimitsFixture.Count(after.GetProperty("limits"), "refusedByReason", "events: " + BatchReason));
        Assert.Equal(before.GetProperty("accepted").GetInt64(), after.GetProperty("accepted").GetInt64());
        Assert.Equal(before.GetProperty("rejected").GetInt64(), after.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task PostEvents_BodyOverLimit_Refuses413NamingBodyAndCounts()
    {
        var body = new byte[LimitsFixture.MaxBodyBytes + 1];
        Array.Fill(body, (byte)' ');
        var reason = $"larger than {LimitsFixture.MaxBodyBytes} bytes";
        var before = await fixture.LimitStatsAsync();

        using var response = await fixture.Client.PostBytesAsync("/events", body, "application/json");

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.RequestEntityTooLarge, "body over limit");
        Assert.Equal("body", problem.GetProperty("field").GetString());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        var after = await fixture.LimitStatsAsync();
        Assert.Equal(
            LimitsFixture.Count(before, "refusedByReason", "body: " + reason) + 1,
            LimitsFixture.Count(after, "refusedByReason", "body: " + reason));
    }

    [Fact]
    public async Task PostEvents_NdjsonLineOverLimit_RejectsThatLineAndTakesNeighbours()
    {
        var atLimit = Padded(Event("198.51.100.20"), LimitsFixture.MaxLineBytes);
        var overLimit = Padded(Event("198.51.100.21"), LimitsFixture.MaxLineBytes + 1);
        var body = TestEvents.Lines([atLimit, overLimit, Event("198.51.100.22")]);

        using var response = await fixture.Client.PostEventsAsync(body, ApiCalls.Ndjson);

        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "lines at and over the limit");
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt64());
        Assert.Equal("line", error.GetProperty("field").GetString());
        Assert.Equal($"longer than {LimitsFixture.MaxLineBytes} bytes", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PostEvents_UserIdOverLimit_RejectsThatEventAndTakesNeighbour()
    {
        var reason = $"longer than {LimitsFixture.MaxUserIdLength} characters";
        var atLimit = Event("198.51.100.30", userId: new string('u', LimitsFixture.MaxUserIdLength));
        var overLimit = Event("198.51.100.31", userId: new string('v', LimitsFixture.MaxUserIdLength + 1));
        var before = await fixture.StatsAsync();

        using var response = await fixture.Client.PostEventsAsync(TestEvents.Array([atLimit, overLimit]));

        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "user ids at and over the limit");
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt64());
        Assert.Equal("userId", error.GetProperty("field").GetString());
        Assert.Equal(reason, error.GetProperty("reason").GetString());
        var after = await fixture.StatsAsync();
        Assert.Equal(
            LimitsFixture.Count(before, "rejectedByReason", "userId: " + reason) + 1,
            LimitsFixture.Count(after, "rejectedByReason", "userId: " + reason));
    }

    [Theory]
    [InlineData("userAgent", LimitsFixture.MaxUserAgentLength)]
    [InlineData("path", LimitsFixture.MaxPathLength)]
    [InlineData("host", LimitsFixture.MaxHostLength)]
    [InlineData("referer", LimitsFixture.MaxRefererLength)]
    [InlineData("forwardedFor", 1024)]
    public async Task PostEvents_FieldOverLimit_TakesEventCutAndCounted(string field, int limit)
    {
        var atLimit = Event("198.51.100.40", (field, Text(field, limit)));
        var overLimit = Event("198.51.100.41", (field, Text(field, limit + 1)));
        var before = await fixture.LimitStatsAsync();

        using var response = await fixture.Client.PostEventsAsync(TestEvents.Array([atLimit, overLimit]));

        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, $"{field} at and over the limit");
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var after = await fixture.LimitStatsAsync();
        Assert.Equal(
            LimitsFixture.Count(before, "truncatedByField", field) + 1,
            LimitsFixture.Count(after, "truncatedByField", field));
        Assert.Equal(
            before.GetProperty("truncatedEvents").GetInt64() + 1,
            after.GetProperty("truncatedEvents").GetInt64());
    }

    [Fact]
    public async Task PostEvents_ScannerAgentOverLimit_StillRatesTheClient()
    {
        const string ip = "198.51.100.50";
        var agent = "sqlmap/1.7 " + new string('z', LimitsFixture.MaxUserAgentLength);

        using var response = await fixture.Client.PostEventsAsync(Event(ip, ("userAgent", agent)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Factory.FlushAsync();

        var rating = await fixture.Client.GetIpRatingAsync(ip);
        Assert.Contains(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "scanner-agent");
    }

    private static string Event(string ip, string? userId = null) =>
        TestEvents.Event(LimitsFixture.Start, ip, "GET", "/products", 200, userId: userId);

    private static string Event(string ip, (string Name, string Value) field)
    {
        var fields = new Dictionary<string, object?>
        {
            ["ip"] = ip,
            ["method"] = "GET",
            ["path"] = "/products",
            ["status"] = 200,
            ["time"] = "2025-03-10T12:00:00Z",
        };
        fields[field.Name] = field.Value;
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>Text of exactly <paramref name="length"/> characters that the field takes as it is.</summary>
    private static string Text(string field, int length) =>
        field == "path" ? "/" + new string('a', length - 1) : new string('a', length);

    /// <summary>The event with an ignored property that makes its line exactly <paramref name="bytes"/> long.</summary>
    private static string Padded(string json, int bytes)
    {
        var head = json[..^1] + ",\"pad\":\"";
        var padding = bytes - Encoding.UTF8.GetByteCount(head) - 2;
        return head + new string('p', padding) + "\"}";
    }
}
