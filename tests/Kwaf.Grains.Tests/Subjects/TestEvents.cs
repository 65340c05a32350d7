using Kwaf.Events;

namespace Kwaf.Grains.Tests.Subjects;

/// <summary>Builds <see cref="HttpEvent"/> values for tests, with harmless defaults.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static HttpEvent Get(
        DateTimeOffset time,
        string ip = "203.0.113.9",
        string? userId = null,
        string path = "/",
        int status = 200,
        RequestTraits traits = RequestTraits.None,
        string? userAgent = "Mozilla/5.0",
        string method = "GET") =>
        new(
            time,
            ip,
            userId,
            method,
            "shop.example.com",
            path,
            null,
            path,
            method + " " + path,
            status,
            512,
            3.5,
            userAgent,
            null,
            traits);

    public static HttpEvent FailedLogin(DateTimeOffset time, string ip = "203.0.113.9", string? userId = null) =>
        Get(time, ip, userId, "/login", 401, RequestTraits.LoginEndpoint, "curl/8.5.0", "POST");

    public static List<HttpEvent> Series(int count, TimeSpan step, Func<int, DateTimeOffset, HttpEvent> make)
    {
        var events = new List<HttpEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(make(i, T0 + (step * i)));
        }

        return events;
    }
}
