using System.Globalization;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>Builds event JSON as proxies send it to POST /events.</summary>
internal static class TestEvents
{
    public static string Event(
        DateTimeOffset? time,
        string ip,
        string method,
        string path,
        int status,
        string? userAgent = "Mozilla/5.0",
        string? userId = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["ip"] = ip,
            ["method"] = method,
            ["path"] = path,
            ["status"] = status,
        };
        if (time is { } t)
        {
            fields["time"] = t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        }

        if (userAgent is not null)
        {
            fields["userAgent"] = userAgent;
        }

        if (userId is not null)
        {
            fields["userId"] = userId;
        }

        return JsonSerializer.Serialize(fields);
    }

    public static string FailedLogin(DateTimeOffset time, string ip, string? userId = null) =>
        Event(time, ip, "POST", "/login", 401, "curl/8.5.0", userId);

    /// <summary>NDJSON: one event per line.</summary>
    public static string Lines(IEnumerable<string> events) => string.Join('\n', events) + "\n";

    /// <summary>A JSON array of events.</summary>
    public static string Array(IEnumerable<string> events) => "[" + string.Join(',', events) + "]";
}
