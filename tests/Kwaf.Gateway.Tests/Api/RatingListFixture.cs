using System.Net;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// A gateway seeded once with subjects of known scores: five failed logins of one user (critical for the IP and the
/// user), two sensitive-path hits (high, 60), one hit (suspicious, 30) and one clean client.
/// </summary>
public sealed class RatingListFixture : IAsyncLifetime
{
    public const string Critical = "203.0.113.231";
    public const string High = "203.0.113.232";
    public const string Suspicious = "203.0.113.233";
    public const string Clean = "203.0.113.234";
    public const string User = "u-list-1";

    public ApiFixture Api { get; } = new();

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        var events = new List<string>();
        events.AddRange(Enumerable.Range(0, 5).Select(_ => TestEvents.FailedLogin(ApiFixture.Start, Critical, User)));
        events.AddRange(Enumerable.Repeat(TestEvents.Event(null, High, "GET", "/backup.sql", 404), 2));
        events.Add(TestEvents.Event(null, Suspicious, "GET", "/db.sql", 404));
        events.Add(TestEvents.Event(null, Clean, "GET", "/", 200));
        using var response = await Api.Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Api.Factory.FlushAsync();
    }

    public Task DisposeAsync() => Api.DisposeAsync();
}
