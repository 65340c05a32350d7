using System.Net;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>The mirror endpoint under the same field limits as POST /events, named by the header at fault.</summary>
public sealed class MirrorLimitsTests(LimitsFixture fixture) : IClassFixture<LimitsFixture>
{
    [Fact]
    public async Task Mirror_UserOverLimit_Answers400NamingTheHeader()
    {
        var user = new string('u', LimitsFixture.MaxUserIdLength + 1);
        using var request = Mirrored("198.51.100.60", ("X-Kwaf-User", user));

        using var response = await fixture.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "mirror with a long user");
        Assert.Equal("X-Kwaf-User", problem.GetProperty("parameter").GetString());
        Assert.Equal(
            $"longer than {LimitsFixture.MaxUserIdLength} characters",
            problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Mirror_UserAtLimit_Answers204()
    {
        using var request = Mirrored("198.51.100.61", ("X-Kwaf-User", new string('u', LimitsFixture.MaxUserIdLength)));

        using var response = await fixture.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Mirror_OriginalUriOverLimit_TakesTheEventAndCountsTheCut()
    {
        var target = "/search?q=" + new string('q', LimitsFixture.MaxPathLength);
        using var request = Mirrored("198.51.100.62", ("X-Original-URI", target));
        var before = await fixture.LimitStatsAsync();

        using var response = await fixture.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = await fixture.LimitStatsAsync();
        Assert.Equal(
            LimitsFixture.Count(before, "truncatedByField", "path") + 1,
            LimitsFixture.Count(after, "truncatedByField", "path"));
    }

    private static HttpRequestMessage Mirrored(string ip, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/events/mirror");
        request.Headers.Add("X-Kwaf-Client-IP", ip);
        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        return request;
    }
}
