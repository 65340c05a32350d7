using System.Net;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api;

public sealed class EventEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task PostEvents_OneObject_AcceptsAndRatesIt()
    {
        var body = TestEvents.Event(null, "203.0.113.211", "GET", "/", 200);

        var result = await PostAsync(body, "application/json", HttpStatusCode.Accepted);

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        await fixture.Factory.FlushAsync();
        Assert.Equal(1, (await Client.GetIpRatingAsync("203.0.113.211")).GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task PostEvents_Array_AcceptsEveryElement()
    {
        var body = TestEvents.Array(Enumerable.Repeat(TestEvents.Event(null, "203.0.113.212", "GET", "/", 200), 3));

        var result = await PostAsync(body, "application/json", HttpStatusCode.Accepted);

        Assert.Equal(3, result.GetProperty("accepted").GetInt32());
        await fixture.Factory.FlushAsync();
        Assert.Equal(3, (await Client.GetIpRatingAsync("203.0.113.212")).GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task PostEvents_Ndjson_AcceptsEveryLine()
    {
        var body = TestEvents.Lines(Enumerable.Repeat(TestEvents.Event(null, "203.0.113.213", "GET", "/", 200), 4));

        var result = await PostAsync(body, ApiCalls.Ndjson, HttpStatusCode.Accepted);

        Assert.Equal(4, result.GetProperty("accepted").GetInt32());
        await fixture.Factory.FlushAsync();
        Assert.Equal(4, (await Client.GetIpRatingAsync("203.0.113.213")).GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task PostEvents_GoodAndBadItems_Answers202WithCountsAndIndexedErrors()
    {
        var body = TestEvents.Lines(
        [
            TestEvents.Event(null, "203.0.113.214", "GET", "/", 200),
            TestEvents.Event(null, "not-an-ip", "GET", "/", 200),
            TestEvents.Event(null, "203.0.113.214", "GET", "/", 200),
            "{\"ip\":\"203.0.113.214\",\"method\":\"GET\",\"path\":\"/\"}",
        ]);

        var result = await PostAsync(body, ApiCalls.Ndjson, HttpStatusCode.Accepted);

        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetInt32());
        Assert.Equal("1:ip|3:status", Describe(result.GetProperty("errors")));
        Assert.All(
            result.GetProperty("errors").EnumerateArray(),
            e => Assert.NotEmpty(e.GetProperty("reason").GetString()!));
    }

    [Fact]
    public async Task PostEvents_AddressWithATrailingNul_IsRejectedAndTheRestTaken()
    {
        var body = TestEvents.Array(
        [
            TestEvents.Event(null, "203.0.113.216", "GET", "/", 200),
            TestEvents.Event(null, "203.0.113.216\0", "GET", "/", 200),
        ]);

        var result = await PostAsync(body, "application/json", HttpStatusCode.Accepted);

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("rejected").GetInt32());
        Assert.Equal("1:ip", Describe(result.GetProperty("errors")));
    }

    [Fact]
    public async Task PostEvents_AllBad_Answers400ProblemWithTheSameCounts()
    {
        var body = TestEvents.Array(
        [
            TestEvents.Event(null, "203.0.113.215", "GET", "/", 700),
            TestEvents.Event(null, "203.0.113.215", "GET", null!, 200),
        ]);

        var problem = await PostAsync(body, "application/json", HttpStatusCode.BadRequest);

        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        Assert.Equal(2, problem.GetProperty("rejected").GetInt32());
        Assert.Equal("0:status|1:path", Describe(problem.GetProperty("errors")));
    }

    [Fact]
    public async Task PostEvents_BodyOverTheLimit_Answers413Problem()
    {
        var one = TestEvents.Event(null, "203.0.113.216", "GET", "/", 200);
        var body = TestEvents.Lines(Enumerable.Repeat(one, (ApiFixture.MaxBodyBytes / one.Length) + 1));

        var problem = await PostAsync(body, ApiCalls.Ndjson, HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/ratings?ip={"203.0.113.216"}")).StatusCode);
    }

    [Fact]
    public async Task CreateEvent_OneObject_AcceptsIt()
    {
        var body = TestEvents.Event(null, "203.0.113.217", "GET", "/", 200);

        using var response = await Client.PostEventsAsync(body, route: "/createEvent");

        var result = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, "POST /createEvent");
        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Stats_Rejections_AreCountedByReason()
    {
        const string Reason = "status: must be from 100 to 599";
        var before = await ReadRejectedAsync(Reason);
        var bad = TestEvents.Event(null, "203.0.113.218", "GET", "/", 42);
        await PostAsync(TestEvents.Lines([bad, bad, TestEvents.Event(null, "203.0.113.218", "GET", "/", 200)]),
            ApiCalls.Ndjson, HttpStatusCode.Accepted);

        var after = await ReadRejectedAsync(Reason);

        Assert.Equal(before + 2, after);
    }

    [Fact]
    public async Task Post_FormBody_Answers415NamingTheHeader()
    {
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await Client.PostAsync(new Uri("/events", UriKind.Relative), content);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.UnsupportedMediaType, "form body");
        Assert.Equal("content-type", problem.GetProperty("header").GetString());
        Assert.Contains("application/x-ndjson", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_MalformedLinesAtDifferentOffsets_CountedUnderOneReason()
    {
        const string Reason = "body: malformed JSON";
        var before = await ReadRejectedAsync(Reason);
        var good = TestEvents.Event(null, "203.0.113.219", "GET", "/", 200);
        string[] lines = [good, "{\"ip\":", "{\"ip\":\"203.0.113.219\",\"method\":", "{\"ip\":\"203.0.113.219\",x"];

        var answer = await PostAsync(TestEvents.Lines(lines), ApiCalls.Ndjson, HttpStatusCode.Accepted);

        var reasons = answer.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString());
        var located = reasons.Distinct()
            .Count(reason => reason!.StartsWith("malformed JSON near byte ", StringComparison.Ordinal));
        Assert.Equal(3, located);
        Assert.Equal(before + 3, await ReadRejectedAsync(Reason));
    }

    private async Task<long> ReadRejectedAsync(string reason)
    {
        using var response = await Client.GetAsync($"/events/stats");
        var stats = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "stats");
        return stats.GetProperty("rejectedByReason").TryGetProperty(reason, out var count) ? count.GetInt64() : 0;
    }

    private async Task<JsonElement> PostAsync(string body, string contentType, HttpStatusCode expected)
    {
        using var response = await Client.PostEventsAsync(body, contentType);
        return await ApiCalls.ReadJsonAsync(response, expected, "POST /events");
    }

    private static string Describe(JsonElement errors) => string.Join(
        '|',
        errors.EnumerateArray().Select(
            e => $"{e.GetProperty("index").GetInt64()}:{e.GetProperty("field").GetString()}"));
}
