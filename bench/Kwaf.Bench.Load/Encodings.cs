using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kwaf.Bench.Load;

/// <summary>
/// Writes requests as <c>POST /events</c> JSON, as syslog datagrams and as combined access-log lines.
/// </summary>
internal static class Encodings
{
    public static string Json(SampleRequest request, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("time", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("ip", request.Ip);
            if (request.UserId is not null)
            {
                writer.WriteString("userId", request.UserId);
            }

            writer.WriteString("method", request.Method);
            writer.WriteString("host", "shop.example");
            writer.WriteString("path", request.Path);
            writer.WriteNumber("status", request.Status);
            writer.WriteNumber("bytes", request.Bytes);
            writer.WriteNumber("durationMs", 3.2);
            writer.WriteString("userAgent", request.UserAgent);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One RFC 3164 datagram carrying the JSON record, as nginx sends its access log.</summary>
    public static byte[] Syslog(SampleRequest request, DateTimeOffset time) =>
        Encoding.UTF8.GetBytes("<190>" + time.ToString("MMM", CultureInfo.InvariantCulture) + " "
            + time.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + " "
            + time.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " web-1 nginx: " + Json(request, time));

    public static string Combined(SampleRequest request, DateTimeOffset time) =>
        request.Ip + " - " + (request.UserId ?? "-") + " ["
        + time.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture) + "] \"" + request.Method + " "
        + request.Path + " HTTP/1.1\" " + request.Status.ToString(CultureInfo.InvariantCulture) + " "
        + request.Bytes.ToString(CultureInfo.InvariantCulture) + " \"-\" \"" + request.UserAgent + "\"";

    public static byte[] JsonArray(IReadOnlyList<string> objects) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",", objects) + "]");

    public static byte[] Ndjson(IReadOnlyList<string> objects) =>
        Encoding.UTF8.GetBytes(string.Join("\n", objects) + "\n");
}
