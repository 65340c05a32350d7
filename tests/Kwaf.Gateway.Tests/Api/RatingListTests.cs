using System.Net;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// GET /ratings without a subject, on a gateway of its own so that the list holds only these subjects.
/// </summary>
public sealed class RatingListTests(RatingListFixture seeded) : IClassFixture<RatingListFixture>
{
    private const string Critical = RatingListFixture.Critical;
    private const string High = RatingListFixture.High;
    private const string Suspicious = RatingListFixture.Suspicious;

    private ApiFixture Fixture => seeded.Api;

    [Fact]
    public async Task List_KindIp_ReturnsRiskiestFirstWithoutCleanSubjects()
    {
        var page = await GetPageAsync($"/ratings?kind={"ip"}");

        Assert.Equal($"{Critical}|{High}|{Suspicious}", Ids(page));
    }

    [Fact]
    public async Task List_MinScore_LeavesOutLowerScores()
    {
        var page = await GetPageAsync($"/ratings?kind={"ip"}&min_score={50}");

        Assert.Equal($"{Critical}|{High}", Ids(page));
    }

    [Fact]
    public async Task List_KindUser_ReturnsOnlyUsers()
    {
        var page = await GetPageAsync($"/ratings?kind={"user"}");

        Assert.Equal(RatingListFixture.User, Ids(page));
    }

    [Fact]
    public async Task List_LimitAndCursor_PagesThroughEverySubjectOnce()
    {
        var first = await GetPageAsync($"/ratings?kind={"ip"}&limit={2}");
        var next = first.GetProperty("next").GetString();
        var second = await GetPageAsync($"/ratings?kind={"ip"}&limit={2}&cursor={next}");

        Assert.Equal($"{Critical}|{High}", Ids(first));
        Assert.Equal(Suspicious, Ids(second));
    }

    [Theory]
    [InlineData("kind", "host")]
    [InlineData("min_score", "101")]
    [InlineData("limit", "0")]
    [InlineData("cursor", "not-a-cursor")]
    public async Task List_BadParameter_Answers400ProblemNamingIt(string parameter, string value)
    {
        using var response = await Fixture.Client.GetAsync($"/ratings?{parameter}={value}");

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, $"list with bad {parameter}");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task List_CursorFromElsewhere_SaysToStartAgain()
    {
        using var response = await Fixture.Client.GetAsync(new Uri("/ratings?cursor=zzz", UriKind.Relative));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "list with a foreign cursor");
        var detail = problem.GetRawText();
        Assert.Contains("start again without one", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", detail, StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetPageAsync(FormattableString route)
    {
        using var response = await Fixture.Client.GetAsync(route);
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "rating list");
    }

    private static string Ids(JsonElement page) =>
        string.Join('|', page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
}
