using System.Text;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Json;

namespace Kwaf.Gateway.Tests.Ingestion.Json;

public sealed class JsonEventReaderTests
{
    [Fact]
    public void Read_SingleObject_GivesAllFields()
    {
        var body = """
            {"time":"2025-03-10T12:00:00Z","ip":"203.0.113.50","userId":"u-1","method":"POST","host":"shop.example.com",
             "path":"/login","status":401,"bytes":12,"durationMs":3.5,"userAgent":"curl/8.5.0","referer":"https://a/",
             "forwardedFor":"198.51.100.1","unknown":{"nested":[1,2]}}
            """;

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero), draft.Time);
        Assert.Equal("203.0.113.50", draft.Ip);
        Assert.Equal("u-1", draft.UserId);
        Assert.Equal("POST", draft.Method);
        Assert.Equal("shop.example.com", draft.Host);
        Assert.Equal("/login", draft.Target);
        Assert.Equal(401, draft.Status);
        Assert.Equal(12, draft.Bytes);
        Assert.Equal(3.5, draft.DurationMs);
        Assert.Equal("curl/8.5.0", draft.UserAgent);
        Assert.Equal("https://a/", draft.Referer);
        Assert.Equal("198.51.100.1", draft.ForwardedFor);
    }

    [Theory]
    [InlineData("forwardedFor", "forwarded", "realIp")]
    [InlineData("http_x_forwarded_for", "http_forwarded", "http_x_real_ip")]
    public void Read_ForwardedHeaderFields_EachKeptApart(string forwardedFor, string forwarded, string realIp)
    {
        var body = $$"""
            {"ip":"192.0.2.10","{{forwardedFor}}":"198.51.100.1, 203.0.113.1",
             "{{forwarded}}":"for=198.51.100.2;proto=https","{{realIp}}":"203.0.113.3"}
            """;

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Equal("198.51.100.1, 203.0.113.1", draft.ForwardedFor);
        Assert.Equal("for=198.51.100.2;proto=https", draft.Forwarded);
        Assert.Equal("203.0.113.3", draft.RealIp);
    }

    [Fact]
    public void Read_ForwardedFieldOfWrongType_RejectsNamingIt()
    {
        var body = """{"ip":"192.0.2.10","realIp":17}""";

        var rejection = Assert.Single(Read(body).Items).Rejection!;

        Assert.Equal("realIp", rejection.Field);
    }

    [Fact]
    public void Read_ArrayWithBadItem_KeepsNeighbors()
    {
        var body = """[{"ip":"192.0.2.1","status":200},{"ip":"192.0.2.2","bytes":true},7,{"ip":"192.0.2.3"}]""";

        var items = Read(body).Items;

        Assert.Equal(4, items.Count);
        Assert.Equal("192.0.2.1", items[0].Draft!.Ip);
        Assert.Equal(new Rejection(1, "bytes", items[1].Rejection!.Reason), items[1].Rejection);
        Assert.Equal("body", items[2].Rejection!.Field);
        Assert.Equal(2, items[2].Position);
        Assert.Equal("192.0.2.3", items[3].Draft!.Ip);
    }

    [Fact]
    public void Read_NdjsonWithBlankAndBrokenLines_RecoversPerLine()
    {
        var body = "{\"ip\":\"192.0.2.1\"}\r\n\n{\"ip\":\n{\"ip\":\"192.0.2.3\"}\n";

        var items = Read(body, ndjson: true).Items;

        Assert.Equal(3, items.Count);
        Assert.Equal("192.0.2.1", items[0].Draft!.Ip);
        Assert.Equal(new Rejection(1, "body", items[1].Rejection!.Reason), items[1].Rejection);
        Assert.Equal("192.0.2.3", items[2].Draft!.Ip);
        Assert.Equal(2, items[2].Position);
    }

    [Fact]
    public void Read_BrokenArray_KeepsItemsBeforeTheBreak()
    {
        var body = """[{"ip":"192.0.2.1"},{"ip":""";

        var items = Read(body).Items;

        Assert.Equal(2, items.Count);
        Assert.Equal("192.0.2.1", items[0].Draft!.Ip);
        Assert.Equal(1, items[1].Rejection!.Position);
        Assert.StartsWith("malformed JSON", items[1].Rejection!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DashEmptyAndMissing_AllBecomeNull()
    {
        var body = """
            {"ip":"203.0.113.70","userId":"","method":"GET","path":"/account","status":200,
             "referer":"-","userAgent":null,"bytes":"-","durationMs":""}
            """;

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Null(draft.UserId);
        Assert.Null(draft.Referer);
        Assert.Null(draft.UserAgent);
        Assert.Null(draft.Bytes);
        Assert.Null(draft.DurationMs);
        Assert.Null(draft.Time);
        Assert.Null(draft.TimeError);
    }

    [Theory]
    [InlineData("\"2025-03-10T17:51:08+01:00\"", "2025-03-10T16:51:08Z")]
    [InlineData("\"2025-03-10T17:51:08+0100\"", "2025-03-10T16:51:08Z")]
    [InlineData("\"2025-03-10T16:51:08.123456789Z\"", "2025-03-10T16:51:08.1234567Z")]
    [InlineData("1741625468", "2025-03-10T16:51:08Z")]
    [InlineData("\"1741625468\"", "2025-03-10T16:51:08Z")]
    [InlineData("1741625468.5", "2025-03-10T16:51:08.5Z")]
    [InlineData("\"2025-03-10T17:51:08\\u002B01:00\"", "2025-03-10T16:51:08Z")]
    [InlineData("\" 2025-03-10T16:51:08Z \"", "2025-03-10T16:51:08Z")]
    public void Read_TimeForms_GiveSameInstant(string timeJson, string expectedUtc)
    {
        var body = "{\"ip\":\"203.0.113.80\",\"time\":" + timeJson + "}";

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Null(draft.TimeError);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), draft.Time);
    }

    [Theory]
    [InlineData("\"2025-03-10T17:51:08\"")]
    [InlineData("\"10 March 2025\"")]
    [InlineData("\"2025-03-10T16:51:08\u00A0Z\"")]
    [InlineData("true")]
    [InlineData("-5")]
    public void Read_TimeWithoutOffsetOrInvalid_SetsTimeError(string timeJson)
    {
        var body = "{\"ip\":\"203.0.113.80\",\"time\":" + timeJson + "}";

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Null(draft.Time);
        Assert.False(string.IsNullOrWhiteSpace(draft.TimeError));
    }

    [Fact]
    public void Read_InvalidUtf8InStrings_EscapesPathAndReplacesElsewhere()
    {
        var body = Concat(
            "{\"ip\":\"203.0.113.31\",\"path\":\"/caf",
            new byte[] { 0xE9 },
            "/",
            new byte[] { 0xC3, 0x28 },
            "\",\"userAgent\":\"Mozilla/5.0 ",
            new byte[] { 0xFF, 0xFE },
            "\"}");

        var draft = Assert.Single(JsonEventReader.Read(body, ndjson: false).Items).Draft!;

        Assert.Equal("/caf%E9/%C3(", draft.Target);
        Assert.Equal("Mozilla/5.0 \uFFFD\uFFFD", draft.UserAgent);
        Assert.True(draft.InvalidEncoding);
    }

    [Fact]
    public void Read_NdjsonWithInvalidUtf8InMiddle_AcceptsAllThree()
    {
        var body = Concat("{\"ip\":\"192.0.2.1\"}\n{\"ip\":\"192.0.2.2\",\"path\":\"/", new byte[] { 0xE9 },
            "\\n\"}\n{\"ip\":\"192.0.2.3\"}");

        var items = JsonEventReader.Read(body, ndjson: true).Items;

        Assert.Equal(3, items.Count);
        Assert.All(items, item => Assert.NotNull(item.Draft));
        Assert.Equal("/%E9\n", items[1].Draft!.Target);
    }

    [Fact]
    public void Read_EscapedStrings_AreUnescaped()
    {
        var body = """{"ip":"192.0.2.1","path":"/admin\\config.php","userAgent":"a\"b \u00e9 \ud83d\ude00 \ud800"}""";

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Equal("/admin\\config.php", draft.Target);
        Assert.Equal("a\"b é 😀 \uFFFD", draft.UserAgent);
    }

    [Fact]
    public void Read_NginxNames_MapToFields()
    {
        var body = """
            {"remote_addr":"198.51.100.3","remote_user":"-","time_local":"10/Mar/2025:17:51:00 +0100",
             "request":"GET /a?b=1 HTTP/1.1","status":"404","body_bytes_sent":"150","request_time":"0.250",
             "http_user_agent":"Mozilla/5.0","http_referer":"-","host":"shop.example.com"}
            """;

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Equal("198.51.100.3", draft.Ip);
        Assert.Null(draft.UserId);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 16, 51, 0, TimeSpan.Zero), draft.Time);
        Assert.Equal("GET", draft.Method);
        Assert.Equal("/a?b=1", draft.Target);
        Assert.Equal(404, draft.Status);
        Assert.Equal(150, draft.Bytes);
        Assert.Equal(250, draft.DurationMs);
        Assert.Equal("Mozilla/5.0", draft.UserAgent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("42")]
    [InlineData("{\"ip\":\"192.0.2.1\"} {}")]
    public void Read_NotAnObjectOrArray_RejectsBody(string body)
    {
        var items = Read(body).Items;

        Assert.Contains(items, item => item.Rejection is { Field: "body" });
    }

    [Fact]
    public void Read_StatusNotANumber_SetsStatusError()
    {
        var draft = Assert.Single(Read("""{"ip":"192.0.2.1","status":"abc"}""").Items).Draft!;

        Assert.Null(draft.Status);
        Assert.NotNull(draft.StatusError);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"-1\"")]
    [InlineData("\"-\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void Read_HaproxyUnknownNumbers_AreAbsentNotErrors(string unknown)
    {
        var body = "{\"client_ip\":\"192.0.2.1\",\"status\":" + unknown + ",\"bytes\":" + unknown
            + ",\"duration_ms\":" + unknown + ",\"request_time\":" + unknown + "}";

        var item = Assert.Single(Read(body).Items);

        Assert.Null(item.Rejection);
        Assert.Equal("192.0.2.1", item.Draft!.Ip);
        Assert.Null(item.Draft.Status);
        Assert.Null(item.Draft.StatusError);
        Assert.Null(item.Draft.Bytes);
        Assert.Null(item.Draft.DurationMs);
    }

    [Fact]
    public void Read_NumbersWrittenAsText_AreRead()
    {
        var body = """{"remote_addr":"192.0.2.1","status":"404","body_bytes_sent":"512","request_time":"0.250"}""";

        var draft = Assert.Single(Read(body).Items).Draft!;

        Assert.Equal(404, draft.Status);
        Assert.Equal(512, draft.Bytes);
        Assert.Equal(250, draft.DurationMs!.Value, precision: 6);
    }

    [Fact]
    public void Read_SnakeCaseNames_MapToFields()
    {
        var draft = Assert.Single(Read("""{"client_ip":"192.0.2.1","user_id":"u-7","duration_ms":12}""").Items).Draft!;

        Assert.Equal("192.0.2.1", draft.Ip);
        Assert.Equal("u-7", draft.UserId);
        Assert.Equal(12, draft.DurationMs);
    }

    [Fact]
    public void Read_OtherNegativeBytes_StaysAFieldError()
    {
        var item = Assert.Single(Read("""{"ip":"192.0.2.1","bytes":-2}""").Items);

        Assert.Equal("bytes", item.Rejection?.Field);
    }

    private static JsonReadResult Read(string body, bool ndjson = false) =>
        JsonEventReader.Read(Encoding.UTF8.GetBytes(body), ndjson);

    private static byte[] Concat(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part is string text ? Encoding.UTF8.GetBytes(text) : (byte[])part);
        }

        return [.. bytes];
    }
}
