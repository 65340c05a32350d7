using Kwaf.Events;
using Kwaf.Subjects;

namespace Kwaf.Silo.Tests.Postgres;

/// <summary>Events and grain keys for the silo tests.</summary>
internal static class SiloEvents
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static string IpKey(string ip) => SubjectKey.ForIp(ip).ToGrainKey();

    /// <summary><paramref name="count"/> plain GETs from <paramref name="ip"/>, one a second from
    /// <paramref name="start"/>.</summary>
    public static List<HttpEvent> Gets(string ip, DateTimeOffset start, int count)
    {
        var events = new List<HttpEvent>(count);
        for (var i = 0; i < count; i++)
        {
            events.Add(new HttpEvent(
                start.AddSeconds(i),
                ip,
                null,
                "GET",
                "shop.example.com",
                "/",
                null,
                "/",
                "GET /",
                200,
                512,
                3.5,
                "Mozilla/5.0",
                null,
                RequestTraits.None));
        }

        return events;
    }
}
