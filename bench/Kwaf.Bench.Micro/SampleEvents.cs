using System.Globalization;
using System.Text;
using Kwaf.Events;

namespace Kwaf.Bench.Micro;

/// <summary>
/// Deterministic inputs shared by the micro benchmarks: a mix of ordinary requests, failed logins, probes and an
/// injection attempt, as a proxy would log them. Seeded, so every run measures the same bytes.
/// </summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Targets =
    [
        "/",
        "/products/4711?color=red",
        "/api/v1/orders/9f8e7d6c5b4a39281706f5e4d3c2b1a0/items",
        "/static/app.3f2a1b.js",
        "/search?q=winter+boots&page=2",
        "/login",
        "/a/./b/../c//d%2Fe",
        "/item?id=1%27%20OR%201%3D1--",
    ];

    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "sqlmap/1.7.2#stable (https://sqlmap.org)",
    ];

    public static string Target(int i) => Targets[i % Targets.Length];

    public static string Ip(int i) => i % 5 == 4
        ? "2001:db8:" + (i % 65000).ToString("x", CultureInfo.InvariantCulture) + "::" + (i % 7 + 1)
        : "198.51." + (i / 250 % 250) + "." + (i % 250 + 1);

    public static string? User(int i) => i % 3 == 0 ? "user" + (i % 997) : null;

    public static int Status(int i) => Target(i) == "/login" ? 401 : i % 11 == 0 ? 404 : 200;

    public static string Agent(int i) => Agents[i % 17 == 0 ? 2 : i % 2];

    /// <summary>A JSON array of <paramref name="count"/> events, as <c>POST /events</c> takes it.</summary>
    public static byte[] JsonArray(int count)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(JsonObject(i));
        }

        return Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    public static string JsonObject(int i)
    {
        var user = User(i) is { } u ? ",\"userId\":\"" + u + "\"" : string.Empty;
        var time = Start.AddMilliseconds(i * 37).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return "{\"time\":\"" + time + "\",\"ip\":\"" + Ip(i) + "\"" + user
            + ",\"method\":\"" + (Target(i) == "/login" ? "POST" : "GET") + "\",\"host\":\"shop.example\""
            + ",\"path\":\"" + Target(i) + "\",\"status\":" + Status(i).ToString(CultureInfo.InvariantCulture)
            + ",\"bytes\":5120,\"durationMs\":12.5,\"userAgent\":\"" + Agent(i) + "\"}";
    }

    /// <summary>One combined-format access-log line.</summary>
    public static byte[] CombinedLine(int i)
    {
        var time = Start.AddSeconds(i).ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var line = Ip(i) + " - " + (User(i) ?? "-") + " [" + time + "] \"GET " + Target(i) + " HTTP/1.1\" "
            + Status(i).ToString(CultureInfo.InvariantCulture) + " 5120 \"https://shop.example/\" \"" + Agent(i) + "\"";
        return Encoding.UTF8.GetBytes(line);
    }

    /// <summary>Normalized events for one client IP, as the pipeline delivers them to its grain.</summary>
    public static HttpEvent[] ForOneIp(string ip, int count)
    {
        var events = new HttpEvent[count];
        for (var i = 0; i < count; i++)
        {
            var target = Target(i);
            var query = target.IndexOf('?', StringComparison.Ordinal);
            var path = query < 0 ? target : target[..query];
            var traits = target == "/login" ? RequestTraits.LoginEndpoint : RequestTraits.None;
            events[i] = new HttpEvent(
                Start.AddSeconds(i),
                ip,
                User(i),
                target == "/login" ? "POST" : "GET",
                "shop.example",
                path,
                query < 0 ? null : target[(query + 1)..],
                target,
                "GET " + path,
                Status(i),
                5120,
                12.5,
                Agent(i),
                null,
                traits);
        }

        return events;
    }
}
