using System.Text;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;

namespace Kwaf.Gateway.Tests.Ingestion.AccessLogs;

public sealed class AccessLogParserTests
{
    private const string Prefix = "203.0.113.40 - - [10/Mar/2025:12:00:01 +0000] ";

    [Fact]
    public void TryParse_CombinedLine_ReadsEveryField()
    {
        var line = "198.51.100.3 - u-7 [10/Mar/2025:17:51:00 +0100] \"GET /a?b=1 HTTP/1.1\" 200 512 "
            + "\"https://ref.example/\" \"Mozilla/5.0\"";

        var draft = Parse(line);

        Assert.Equal("198.51.100.3", draft.Ip);
        Assert.Equal("u-7", draft.UserId);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 16, 51, 0, TimeSpan.Zero), draft.Time);
        Assert.Equal("GET", draft.Method);
        Assert.Equal("/a?b=1", draft.Target);
        Assert.Equal(RequestLineShape.Normal, draft.Shape);
        Assert.True(draft.HasRequestLine);
        Assert.Null(draft.RawRequestLine);
        Assert.Same("GET", draft.Method);
        Assert.Equal(200, draft.Status);
        Assert.Equal(512, draft.Bytes);
        Assert.Equal("https://ref.example/", draft.Referer);
        Assert.Equal("Mozilla/5.0", draft.UserAgent);
    }

    [Theory]
    [InlineData("\"POST https://shop.example.com/login HTTP/1.1\"", "https://shop.example.com/login",
        "AbsoluteForm")]
    [InlineData("\"POST https://shop.example.com:443/login?next=%2F HTTP/1.1\"",
        "https://shop.example.com:443/login?next=%2F", "AbsoluteForm")]
    [InlineData("\"POST /login HTTP/1.1\"", "/login", "Normal")]
    [InlineData("\"POST /login HTTP/2.0\"", "/login", "Normal")]
    [InlineData("\"POST //login HTTP/1.1\"", "//login", "Normal")]
    [InlineData("\"CONNECT shop.example.com:443 HTTP/1.1\"", "shop.example.com:443", "Connect")]
    [InlineData("\"GET /index.html\"", "/index.html", "NoProtocol")]
    [InlineData("\"GET /a b HTTP/1.1\"", "/a b", "Normal")]
    public void TryParse_RequestLineForms_KeepTargetAndShape(string request, string target, string shape)
    {
        var draft = Parse(Prefix + request + " 401 12 \"-\" \"Mozilla/5.0\"");

        Assert.Equal(target, draft.Target);
        Assert.Equal(Enum.Parse<RequestLineShape>(shape), draft.Shape);
        Assert.NotNull(draft.Method);
    }

    [Theory]
    [InlineData("\"-\" 408 0 \"-\" \"-\"")]
    [InlineData("\"\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03\" 400 150 \"-\" \"-\"")]
    [InlineData("\"GET\" 400 150 \"-\" \"-\"")]
    public void TryParse_NotARequest_IsMalformedButKept(string rest)
    {
        var draft = Parse(Prefix + rest);

        Assert.Equal(RequestLineShape.Malformed, draft.Shape);
        Assert.Null(draft.Method);
        Assert.Null(draft.Target);
        Assert.NotNull(draft.RawRequestLine);
    }

    [Fact]
    public void TryParse_InvalidUtf8_EscapesTargetAndReplacesAgent()
    {
        var line = Bytes(
            "203.0.113.31 - - [10/Mar/2025:12:00:02 +0000] \"GET /caf",
            new byte[] { 0xE9 },
            "/",
            new byte[] { 0xC3, 0x28 },
            " HTTP/1.1\" 404 150 \"-\" \"Mozilla/5.0 ",
            new byte[] { 0xFF, 0xFE },
            "\"");

        var ok = AccessLogParser.TryParse(line, AccessLogFormat.Auto, out var draft, out var reason);

        Assert.True(ok, reason);
        Assert.Equal("/caf%E9/%C3(", draft!.Target);
        Assert.Equal("Mozilla/5.0 \uFFFD\uFFFD", draft.UserAgent);
        Assert.True(draft.InvalidEncoding);
        Assert.Equal(404, draft.Status);
    }

    [Fact]
    public void TryParse_RawBinaryRequest_IsMalformedWithEscapedEvidence()
    {
        var line = Bytes(Prefix + "\"", new byte[] { 0x16, 0x03, 0x01, 0x00, 0xA5 }, "\" 400 150 \"-\" \"-\"");

        var ok = AccessLogParser.TryParse(line, AccessLogFormat.Auto, out var draft, out _);

        Assert.True(ok);
        Assert.Equal(RequestLineShape.Malformed, draft!.Shape);
        Assert.Equal("%16%03%01%00%A5", draft.RawRequestLine);
        Assert.True(draft.InvalidEncoding);
    }

    [Theory]
    [InlineData("203.0.113.70 - - [10/Mar/2025:12:00:01 +0000] \"HEAD / HTTP/1.1\" 200 - \"-\" \"-\"", null)]
    [InlineData("203.0.113.70 -  [10/Mar/2025:12:00:02 +0000] \"GET /account HTTP/1.1\" 302 0 \"-\" \"Mozilla/5.0\"",
        null)]
    [InlineData("203.0.113.70 - u-1001 [10/Mar/2025:12:00:03 +0000] \"GET /account HTTP/1.1\" 200 900 \"\" \"\"",
        "u-1001")]
    [InlineData("203.0.113.70 - - [10/Mar/2025:12:00:04 +0000] \"GET /account HTTP/1.1\" 200 900", null)]
    public void TryParse_EmptyAndDashFields_ParseAsNull(string line, string? expectedUser)
    {
        var draft = Parse(line);

        Assert.Equal("203.0.113.70", draft.Ip);
        Assert.Equal(expectedUser, draft.UserId);
        Assert.Null(draft.Referer);
        Assert.NotNull(draft.Status);
    }

    [Theory]
    [InlineData("\"-\" \"-\"")]
    [InlineData("\"\" \"\"")]
    [InlineData("")]
    public void TryParse_DashEmptyOrMissingAgentFields_GiveNull(string agentFields)
    {
        var draft = Parse((Prefix + "\"GET / HTTP/1.1\" 200 1 " + agentFields).TrimEnd());

        Assert.Null(draft.Referer);
        Assert.Null(draft.UserAgent);
    }

    [Fact]
    public void TryParse_DashBytes_GivesNullBytes()
    {
        var draft = Parse(Prefix + "\"HEAD / HTTP/1.1\" 200 - \"-\" \"-\"");

        Assert.Null(draft.Bytes);
    }

    [Fact]
    public void TryParse_EscapedQuotes_StayInsideFields()
    {
        var line = Prefix + "\"GET /q?x=\\\"a\\\" HTTP/1.1\" 200 1 \"-\" \"Agent \\\"quoted\\\" 1.0\"";

        var draft = Parse(line);

        Assert.Equal("/q?x=\"a\"", draft.Target);
        Assert.Equal("Agent \"quoted\" 1.0", draft.UserAgent);
    }

    [Fact]
    public void TryParse_UnescapedQuoteInRequest_EndsAtQuoteBeforeStatus()
    {
        var line = "68.49.152.86 - - [22/Apr/2004:11:55:13 -0400] \"GET /hostadmin/?page=' HTTP/1.0\" 501 345 "
            + "\"-\" \"Mozilla/4.75 (Nikto/1.32 )\"";

        var draft = Parse(line);

        Assert.Equal(501, draft.Status);
        Assert.Equal("/hostadmin/?page='", draft.Target);
    }

    [Theory]
    [InlineData("2001:db8:0:1287::1:1 - - [10/Mar/2025:12:00:01 +0000] \"POST /login HTTP/1.1\" 401 12 \"-\" \"c\"",
        "2001:db8:0:1287::1:1")]
    [InlineData("2001:0db8:0000:1287:0000:0000:0001:0001 - - [10/Mar/2025:12:00:05 +0000] \"GET / HTTP/1.1\" 401 1",
        "2001:db8:0:1287::1:1")]
    [InlineData("2001:db8::7%eth0 - - [10/Mar/2025:12:00:07 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"M\"",
        "2001:db8::7")]
    [InlineData("::ffff:203.0.113.9 - - [10/Mar/2025:12:00:09 +0000] \"POST /login HTTP/1.1\" 401 12 \"-\" \"c\"",
        "203.0.113.9")]
    public void TryParse_ClientSpellings_GiveCanonicalIp(string line, string expectedIp)
    {
        var draft = Parse(line);

        Assert.Equal(expectedIp, draft.Ip);
    }

    [Fact]
    public void TryParse_HostNameClient_RejectsNamingIp()
    {
        var line = "crawler.example.net - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"M\"";

        var ok = AccessLogParser.TryParse(Encoding.UTF8.GetBytes(line), AccessLogFormat.Auto, out _, out var reason);

        Assert.False(ok);
        Assert.Equal("ip: host name, not an address", reason);
    }

    [Fact]
    public void TryParse_BadTimeStamp_SetsTimeErrorInsteadOfFailing()
    {
        var draft = Parse("192.0.2.1 - - [10/Foo/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1");

        Assert.Null(draft.Time);
        Assert.NotNull(draft.TimeError);
    }

    [Theory]
    [InlineData("192.0.2.1 - - \"GET / HTTP/1.1\" 200 1", "time")]
    [InlineData("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] GET / 200 1", "request")]
    [InlineData("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\"", "status")]
    [InlineData("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 abc", "bytes")]
    [InlineData("", "line")]
    public void TryParse_BrokenLine_RejectsNamingField(string line, string field)
    {
        var ok = AccessLogParser.TryParse(Encoding.UTF8.GetBytes(line), AccessLogFormat.Auto, out _, out var reason);

        Assert.False(ok);
        Assert.StartsWith(field + ":", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CommonLineAsCombined_RejectsNamingReferer()
    {
        var line = Encoding.UTF8.GetBytes("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1");

        var ok = AccessLogParser.TryParse(line, AccessLogFormat.Combined, out _, out var reason);

        Assert.False(ok);
        Assert.StartsWith("referer:", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CombinedLineAsCommon_IgnoresAgentFields()
    {
        var line = Encoding.UTF8.GetBytes(Prefix + "\"GET / HTTP/1.1\" 200 1 \"https://r/\" \"Mozilla/5.0\"");

        var ok = AccessLogParser.TryParse(line, AccessLogFormat.Common, out var draft, out _);

        Assert.True(ok);
        Assert.Null(draft!.UserAgent);
        Assert.Null(draft.Referer);
    }

    [Fact]
    public void TryParse_JsonLineWithRawBytes_MatchesTextLine()
    {
        var line = Bytes(
            "{\"time\":\"2025-03-10T12:00:02+00:00\",\"ip\":\"203.0.113.31\",\"method\":\"GET\",\"path\":\"/caf",
            new byte[] { 0xE9 },
            "/",
            new byte[] { 0xC3, 0x28 },
            "\",\"status\":404,\"userAgent\":\"Mozilla/5.0 ",
            new byte[] { 0xFF, 0xFE },
            "\"}");

        var ok = AccessLogParser.TryParse(line, AccessLogFormat.Auto, out var draft, out var reason);

        Assert.True(ok, reason);
        Assert.Equal("/caf%E9/%C3(", draft!.Target);
        Assert.Equal("Mozilla/5.0 \uFFFD\uFFFD", draft.UserAgent);
        Assert.True(draft.InvalidEncoding);
    }

    [Theory]
    [InlineData("{\"ip\":\"192.0.2.1\"}", "Json")]
    [InlineData("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"M\"",
        "Combined")]
    [InlineData("192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \"GET / HTTP/1.1\" 200 1", "Common")]
    public void Detect_FirstLine_GivesFormat(string line, string expected)
    {
        var format = AccessLogParser.Detect(Encoding.UTF8.GetBytes(line));

        Assert.Equal(Enum.Parse<AccessLogFormat>(expected), format);
    }

    [Fact]
    public void TryParse_LongUri_IsParsed()
    {
        var line = Prefix + "\"SEARCH /" + new string('A', 70_000) + " HTTP/1.1\" 414 1";

        var draft = Parse(line);

        Assert.Equal(414, draft.Status);
        Assert.Equal(70_001, draft.Target!.Length);
    }

    [Theory]
    [InlineData("/caf\u00e9/men\u00fc?q=\u00fcber")]
    [InlineData("/a b/c")]
    public void TryParse_RequestLineOfPlainText_GivesTargetAsWritten(string target)
    {
        var draft = Parse(Prefix + $"\"PUT {target} HTTP/1.1\" 200 1 \"-\" \"curl/8\"");

        Assert.Equal(("PUT", target, RequestLineShape.Normal), (draft.Method, draft.Target, draft.Shape));
        Assert.False(draft.InvalidEncoding);
    }

    [Fact]
    public void TryParse_RequestLineLongerThanTheStackBuffer_GivesTheSameFieldsAsAShortOne()
    {
        var target = "/files/" + new string('x', 900) + "?page=2";

        var draft = Parse(Prefix + $"\"GET {target} HTTP/2.0\" 200 1 \"-\" \"curl/8\"");

        Assert.Equal(("GET", target, RequestLineShape.Normal), (draft.Method, draft.Target, draft.Shape));
        Assert.True(draft.HasRequestLine);
        Assert.Null(draft.RawRequestLine);
    }

    private static EventDraft Parse(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var ok = AccessLogParser.TryParse(bytes, AccessLogFormat.Auto, out var draft, out var reason);
        Assert.True(ok, $"line rejected: {reason}");
        return draft!;
    }

    private static byte[] Bytes(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part is string text ? Encoding.UTF8.GetBytes(text) : (byte[])part);
        }

        return [.. bytes];
    }
}
