using System.Globalization;
using System.Text.Json;
using CsCheck;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>Generators of event fields as proxies write them, good and bad, and of whole event objects.</summary>
internal static class EventGen
{
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static readonly Gen<string> Ip = Gen.OneOf(
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, Gen.Byte, static (a, b, c, d) => $"{a}.{b}.{c}.{d}"),
        Gen.Select(Gen.UShort, Gen.UShort, static (a, b) => $"2001:db8::{a:x}:{b:x}"),
        Gen.Select(Gen.UShort, Gen.UShort, static (a, port) => $"[2001:DB8:0:0::{a:X}]:{port}"),
        Gen.Select(Gen.Byte, Gen.UShort, static (a, port) => $"203.0.113.{a}:{port}"),
        Gen.Byte.Select(static a => $"::ffff:198.51.100.{a}"),
        Gen.OneOfConst("fe80::1%eth0", "127.1", "unknown", "", "-", "1.2.3.4.5", "::", "0x7f.1", " 10.0.0.1 "),
        Fuzz.AroundLimit(128, '1'));

    public static readonly Gen<string> Method = Gen.OneOf(
        Gen.OneOfConst("GET", "POST", "HEAD", "DELETE", "PROPFIND", "get", "CONNECT", "G E T", "", "\u0016\u0003"),
        Fuzz.AroundLimit(32, 'M'));

    public static readonly Gen<string> Segment = Gen.OneOf(
        Gen.OneOfConst("", ".", "..", "%2e", "%2E%2e", "%2f", "%252e", "%", "%zz", "%u0041", "\\", "..\\", "a.", "~x"),
        Gen.OneOfConst("admin", ".env", "login", "123", "6fa459ea-ee8a-3ca4-894e-db77e160355e", "caf%E9", "é"),
        Gen.OneOfConst("?q=1", "?id=1' OR '1'='1", "<script>", "&", "=", "#frag", "%00", "\u0000", ";x", "//"),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12]);

    public static readonly Gen<string> Path = Gen.OneOf(
        Segment.Array[0, 12].Select(static parts => "/" + string.Join('/', parts)),
        Segment.Array[0, 6].Select(static parts => "http://Host.Example:8080/" + string.Join('/', parts)),
        Gen.OneOfConst("*", "example.com:443", "", "-", "//x", "\\\\server\\share"),
        Fuzz.AroundLimit(8192, 'a').Select(static text => "/" + text),
        Gen.String[0, 40]);

    public static readonly Gen<object?> Status = Gen.OneOf<object?>(
        Gen.Int[-5, 700].Select(static s => (object?)s),
        Gen.OneOfConst<object?>("404", "-", "-1", "abc", "2e2", null, 200.5, true));

    public static readonly Gen<object?> Time = Gen.OneOf<object?>(
        Gen.Int[-100_000, 1_000].Select(
            static s => (object?)Now.AddSeconds(s).ToString("O", CultureInfo.InvariantCulture)),
        Gen.Int[-100_000, 1_000].Select(static s => (object?)Now.AddSeconds(s).ToUnixTimeSeconds()),
        Gen.OneOfConst<object?>(
            "2025-03-10T12:00:00", "10/Mar/2025:12:00:00 +0000", "", "-", "yesterday", 1e300, null));

    public static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[0, 30],
        Gen.OneOfConst("-", "", "sqlmap/1.7", "Mozilla/5.0", "\"quoted\"", "\\", "\uFFFD", "\uD800"),
        Fuzz.AroundLimit(256, 'u'),
        Fuzz.AroundLimit(1024, 'x'),
        Fuzz.AroundLimit(2048, 'r'));

    public static readonly Gen<string> Chain = Gen.OneOf(
        Ip.Array[0, 6].Select(static hops => string.Join(", ", hops)),
        Fuzz.AroundLimit(1024, '9'));

    public static readonly Gen<object?> Number = Gen.OneOf<object?>(
        Gen.Long.Select(static n => (object?)n),
        Gen.Double.Select(static n => (object?)(double.IsFinite(n) ? n : 0)),
        Gen.OneOfConst<object?>("-", "-1", "12", "x", null));

    /// <summary>A JSON event object with any subset of the fields, under kwaf and nginx names.</summary>
    public static readonly Gen<string> Object = Gen.Select(
        Gen.Select(Ip, Method, Path, Status, Time),
        Gen.Select(Text, Text, Text, Text, Chain),
        Gen.Select(Number, Number, Gen.Bool, Gen.Int[0, 1 << 12]),
        static (core, texts, extra) =>
        {
            var (ip, method, path, status, time) = core;
            var (userId, agent, referer, host, chain) = texts;
            var (bytes, duration, nginxNames, absent) = extra;
            var fields = new Dictionary<string, object?>();
            void Put(int bit, string name, string nginxName, object? value)
            {
                if ((absent & (1 << bit)) == 0)
                {
                    fields[nginxNames ? nginxName : name] = value;
                }
            }

            Put(0, "ip", "remote_addr", ip);
            Put(1, "method", "request_method", method);
            Put(2, "path", "request_uri", path);
            Put(3, "status", "status", status);
            Put(4, "time", "time_iso8601", time);
            Put(5, "userId", "remote_user", userId);
            Put(6, "userAgent", "http_user_agent", agent);
            Put(7, "referer", "http_referer", referer);
            Put(8, "host", "host", host);
            Put(9, "forwardedFor", "http_x_forwarded_for", chain);
            Put(10, "bytes", "body_bytes_sent", bytes);
            Put(11, "durationMs", "request_time", duration);
            if (nginxNames && (absent & (1 << 2)) != 0)
            {
                fields["request"] = method + " " + path + " HTTP/1.1";
            }

            return JsonSerializer.Serialize(fields);
        });
}
