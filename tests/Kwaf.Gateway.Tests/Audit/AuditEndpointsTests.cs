using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Audit;

public sealed class AuditEndpointsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAudit_AfterDecisionManualAddAndLift_ListsEachWithItsFields()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, new Dictionary<string, string?>());
        await gateway.SendAsync(TestEvents.Event(T0, "203.0.113.7", "GET", "/", 200, "sqlmap/1.7"));
        var decision = await AddManualBlockAsync(gateway.Client, "198.51.100.23");
        using (var lift = await gateway.Client.DeleteAsync($"/decisions/{decision}"))
        {
            Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        }

        var items = await ReadEventuallyAsync(gateway.Client, "/audit", 4);

        var policy = Single(items, "decision");
        Assert.Equal("203.0.113.7", policy.GetProperty("subjectId").GetString());
        Assert.Equal("ip", policy.GetProperty("subjectKind").GetString());
        Assert.Equal("throttle", policy.GetProperty("decision").GetString());
        Assert.Equal("policy", policy.GetProperty("origin").GetString());
        Assert.Equal("high", policy.GetProperty("level").GetString());
        Assert.Equal(60, policy.GetProperty("score").GetDouble());
        Assert.Equal("scanner-agent", policy.GetProperty("signals")[0].GetProperty("name").GetString());
        Assert.Equal(T0.AddMinutes(5), policy.GetProperty("expires").GetDateTimeOffset());
        Assert.Contains("scanner-agent", policy.GetProperty("cause").GetString(), StringComparison.Ordinal);
        var level = Single(items, "level-change");
        Assert.Equal("ok", level.GetProperty("previousLevel").GetString());
        Assert.Equal("high", level.GetProperty("level").GetString());
        var added = Single(items, "manual-add");
        Assert.Equal("loopback", added.GetProperty("actor").GetString());
        Assert.Equal("abuse report 4711", added.GetProperty("cause").GetString());
        Assert.Equal("block", added.GetProperty("decision").GetString());
        var lifted = Single(items, "lift");
        Assert.Equal(decision, lifted.GetProperty("decisionId").GetString());
        Assert.Equal("loopback", lifted.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task GetAudit_IpInAnySpelling_FiltersToThatSubjectAndPages()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, new Dictionary<string, string?>());
        var older = await AddManualBlockAsync(gateway.Client, "2001:db8::7");
        gateway.SetClock(T0.AddSeconds(1));
        var newer = await AddManualBlockAsync(gateway.Client, "2001:db8::7");
        await AddManualBlockAsync(gateway.Client, "198.51.100.23");
        await AddManualBlockAsync(gateway.Client, "2001:db8::7", "cidr");
        await ReadEventuallyAsync(gateway.Client, "/audit", 4);

        var first = await GetPageAsync(gateway.Client, "/audit?ip=2001:0DB8:0:0:0:0:0:7&limit=1");
        var next = first.GetProperty("next").GetString();
        var second = await GetPageAsync(gateway.Client, $"/audit?ip=2001:db8::7&limit=1&cursor={next}");

        var firstItem = Assert.Single(first.GetProperty("items").EnumerateArray());
        var secondItem = Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.Equal(newer, firstItem.GetProperty("decisionId").GetString());
        Assert.Equal(older, secondItem.GetProperty("decisionId").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("/audit?ip=unknown", "ip")]
    [InlineData("/audit?ip=203.0.113.7&user_id=u-1", "ip")]
    [InlineData("/audit?user_id=-", "user_id")]
    [InlineData("/audit?since=2025-03-10T12:00:00", "since")]
    [InlineData("/audit?since=2025-03-10T12:00:00Z&until=2025-03-10T11:00:00Z", "until")]
    [InlineData("/audit?limit=0", "limit")]
    [InlineData("/audit?limit=1001", "limit")]
    [InlineData("/audit?cursor=not-a-cursor", "cursor")]
    public async Task GetAudit_BadParameter_AnswersProblemNamingIt(string route, string parameter)
    {
        await using var gateway = await GatewayUnderTest.StartAsync(T0, new Dictionary<string, string?>());

        using var response = await gateway.Client.GetAsync(route);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    internal static async Task<string> AddManualBlockAsync(HttpClient client, string ip, string field = "ip")
    {
        var value = field == "cidr" ? ip + "/128" : ip;
        using var response = await client.PostAsJsonAsync(
            "/decisions",
            new Dictionary<string, object>
            {
                [field] = value,
                ["kind"] = "block",
                ["durationSeconds"] = 3600,
                ["reason"] = "abuse report 4711",
            });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = await response.Content.ReadFromJsonAsync<JsonElement>();
        return decision.GetProperty("id").GetString()!;
    }

    internal static async Task<List<JsonElement>> ReadEventuallyAsync(HttpClient client, string route, int count)
    {
        var items = new List<JsonElement>();
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                var page = await GetPageAsync(client, route);
                items = [.. page.GetProperty("items").EnumerateArray()];
                return items.Count >= count;
            },
            KwafApiFactory.CallTimeout,
            $"{count} audit records at {route}");
        return items;
    }

    private static async Task<JsonElement> GetPageAsync(HttpClient client, string route)
    {
        using var response = await client.GetAsync(route);
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "GET " + route);
    }

    private static JsonElement Single(List<JsonElement> items, string kind) =>
        Assert.Single(items, item => item.GetProperty("kind").GetString() == kind);
}
