using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api;

public sealed class DecisionEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Post_IpBlock_CheckAnswers403AndListHoldsIt()
    {
        const string ip = "198.51.100.210";

        var decision = await AddAsync(new { ip, kind = "block", durationSeconds = 3600, reason = "manual test" });

        await fixture.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);
        using var list = await fixture.Client.GetAsync($"/decisions");
        var decisions = await ApiCalls.ReadJsonAsync(list, HttpStatusCode.OK, "decision list");
        Assert.Equal("ip:" + ip, decision.GetProperty("target").GetString());
        Assert.Contains(
            decisions.EnumerateArray(),
            d => d.GetProperty("id").GetString() == decision.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_CidrBlock_CoversAddressesInTheNetwork()
    {
        var decision = await AddAsync(
            new { cidr = "198.51.100.128/28", kind = "block", durationSeconds = 3600, reason = "net" });

        await fixture.Client.CheckEventuallyAsync("198.51.100.131", HttpStatusCode.Forbidden, Propagation);
        using var outside = await fixture.Client.CheckIpAsync("198.51.100.150");
        Assert.Equal("cidr:198.51.100.128/28", decision.GetProperty("target").GetString());
        Assert.Equal(HttpStatusCode.NoContent, outside.StatusCode);
    }

    [Fact]
    public async Task Post_UserThrottle_CheckByUserAnswers403Throttle()
    {
        await AddAsync(new { userId = "u-dec-1", kind = "throttle", durationSeconds = 60, reason = "user" });

        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var r = await fixture.Client.GetAsync($"/decisions/check?user_id={"u-dec-1"}");
                return r.StatusCode == HttpStatusCode.Forbidden && r.Header("X-Kwaf-Decision") == "throttle";
            },
            Propagation,
            "check of user u-dec-1 answering 403 throttle");
    }

    [Fact]
    public async Task Delete_ActiveBlock_CheckFlipsBackTo204WithinOneSecond()
    {
        const string ip = "198.51.100.211";
        var decision = await AddAsync(new { ip, kind = "block", durationSeconds = 3600, reason = "lift me" });
        await fixture.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);

        using var lifted = await fixture.Client.DeleteAsync("/decisions/" + decision.GetProperty("id").GetString())
            .WaitAsync(KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        await fixture.Client.CheckEventuallyAsync(ip, HttpStatusCode.NoContent, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Delete_UnknownId_Answers404Problem()
    {
        using var response = await fixture.Client.DeleteAsync("/decisions/no-such-id")
            .WaitAsync(KwafApiFactory.CallTimeout);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.NotFound, "lift of an unknown id");
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("{\"ip\":\"not-an-ip\",\"kind\":\"block\",\"durationSeconds\":60,\"reason\":\"r\"}", "ip")]
    [InlineData("{\"cidr\":\"198.51.100.0/99\",\"kind\":\"block\",\"durationSeconds\":60,\"reason\":\"r\"}", "cidr")]
    [InlineData("{\"userId\":\"-\",\"kind\":\"block\",\"durationSeconds\":60,\"reason\":\"r\"}", "userId")]
    [InlineData("{\"ip\":\"198.51.100.9\",\"kind\":\"ban\",\"durationSeconds\":60,\"reason\":\"r\"}", "kind")]
    [InlineData("{\"ip\":\"198.51.100.9\",\"kind\":\"block\",\"durationSeconds\":0,\"reason\":\"r\"}",
        "durationSeconds")]
    [InlineData("{\"ip\":\"198.51.100.9\",\"kind\":\"block\",\"durationSeconds\":60}", "reason")]
    [InlineData("{\"ip\":\"198.51.100.9\",\"userId\":\"u\",\"kind\":\"block\",\"durationSeconds\":60,\"reason\":\"r\"}",
        "ip")]
    public async Task Post_BadInput_AnswersProblemNamingTheField(string body, string field)
    {
        using var response = await fixture.Client.PostEventsAsync(body, route: "/decisions");

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "bad manual decision");
        Assert.Equal(field, problem.GetProperty("parameter").GetString());
    }

    private async Task<JsonElement> AddAsync(object body)
    {
        using var response = await fixture.Client.PostAsJsonAsync("/decisions", body)
            .WaitAsync(KwafApiFactory.CallTimeout);
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created, "manual decision");
    }
}
