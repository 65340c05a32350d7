using System.Text;
using Kwaf.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Ingestion.Paths;
using Kwaf.Gateway.Tests.ClientIp;

namespace Kwaf.Gateway.Tests.Ingestion;

public sealed class EventNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 16, 51, 10, TimeSpan.Zero);

    private static readonly RequestClassifier Classifier = new(new ClassificationOptions());

    [Fact]
    public void TryNormalize_StampWithinSkew_ClampsToNow()
    {
        var normalizer = Create(TimeSpan.FromSeconds(30));
        var draft = Draft(time: Now.AddSeconds(15));

        var ok = normalizer.TryNormalize(draft, 7, Now, out var result, out _);

        Assert.True(ok);
        Assert.Equal(Now, result!.Time);
    }

    [Fact]
    public void TryNormalize_StampBeyondSkew_RejectsTime()
    {
        var normalizer = Create(TimeSpan.FromSeconds(30));
        var draft = Draft(time: Now.AddSeconds(31));

        var ok = normalizer.TryNormalize(draft, 7, Now, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(7, rejection!.Position);
        Assert.Equal("time", rejection.Field);
    }

    [Fact]
    public void TryNormalize_OffsetStamp_BecomesUtcInstant()
    {
        var draft = Draft(time: new DateTimeOffset(2025, 3, 10, 17, 51, 0, TimeSpan.FromHours(1)));

        Assert.True(Create().TryNormalize(draft, 0, Now, out var result, out _));

        Assert.Equal(new DateTimeOffset(2025, 3, 10, 16, 51, 0, TimeSpan.Zero), result!.Time);
        Assert.Equal(TimeSpan.Zero, result.Time.Offset);
    }

    [Fact]
    public void TryNormalize_NoTime_UsesNow()
    {
        Assert.True(Create().TryNormalize(Draft(), 0, Now, out var result, out _));

        Assert.Equal(Now, result!.Time);
    }

    [Fact]
    public void TryNormalize_TimeError_RejectsTime()
    {
        var draft = Draft();
        draft.TimeError = "time has no offset";

        var ok = Create().TryNormalize(draft, 0, Now, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(new Rejection(0, "time", "time has no offset"), rejection);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(599, true)]
    [InlineData(99, false)]
    [InlineData(600, false)]
    [InlineData(0, false)]
    public void TryNormalize_StatusRange_AcceptsOnly100To599(int status, bool expected)
    {
        var draft = Draft();
        draft.Status = status;

        var ok = Create().TryNormalize(draft, 0, Now, out _, out var rejection);

        Assert.Equal(expected, ok);
        Assert.Equal(expected ? null : "status", rejection?.Field);
    }

    [Fact]
    public void TryNormalize_MissingStatusWhenFeedHasNone_GivesZero()
    {
        var normalizer = new EventNormalizer(
            new IngestionOptions(),
            Classifier,
            TestClientIp.NoTrustedProxy,
            statusOptional: true);
        var draft = Draft();
        draft.Status = null;

        Assert.True(normalizer.TryNormalize(draft, 0, Now, out var result, out _));

        Assert.Equal(0, result!.Status);
    }

    [Theory]
    [InlineData("get", "GET")]
    [InlineData("PROPFIND", "PROPFIND")]
    public void TryNormalize_TokenMethod_IsUpperCased(string method, string expected)
    {
        var draft = Draft();
        draft.Method = method;

        Assert.True(Create().TryNormalize(draft, 0, Now, out var result, out _));

        Assert.Equal(expected, result!.Method);
    }

    [Theory]
    [InlineData("GE T")]
    [InlineData("GET\u0016")]
    [InlineData(null)]
    public void TryNormalize_NonTokenMethod_RejectsMethod(string? method)
    {
        var draft = Draft();
        draft.Method = method;

        var ok = Create().TryNormalize(draft, 0, Now, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal("method", rejection!.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData(null)]
    public void TryNormalize_NoUsableIp_RejectsIp(string? ip)
    {
        var draft = Draft();
        draft.Ip = ip;

        var ok = Create().TryNormalize(draft, 3, Now, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal("ip", rejection!.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));
    }

    [Fact]
    public void TryNormalize_MalformedLine_GivesInvalidMethodAndTrait()
    {
        var draft = Parse("203.0.113.31 - - [10/Mar/2025:12:00:01 +0000] \"\\x16\\x03\\x01\" 400 150 \"-\" \"-\"");

        Assert.True(Create().TryNormalize(draft, 1, Now, out var result, out _));

        Assert.Equal(EventNormalizer.InvalidMethod, result!.Method);
        Assert.True(result.Traits.HasFlag(RequestTraits.MalformedRequest));
        Assert.Equal("\\x16\\x03\\x01", result.RawTarget);
        Assert.Equal("/", result.Path);
    }

    [Theory]
    [InlineData("\"POST https://shop.example.com:443/login?next=%2F HTTP/1.1\"", "shop.example.com", "next=%2F")]
    [InlineData("\"POST //login HTTP/1.1\"", null, null)]
    [InlineData("\"POST /login HTTP/2.0\"", null, null)]
    public void TryNormalize_LoginLineForms_AllCountOnLogin(string request, string? host, string? query)
    {
        var draft = Parse("203.0.113.40 - - [10/Mar/2025:12:00:02 +0000] " + request + " 401 12 \"-\" \"M\"");

        Assert.True(Create().TryNormalize(draft, 1, Now, out var result, out _));

        Assert.Equal("/login", result!.Path);
        Assert.Equal("POST /login", result.Endpoint);
        Assert.Equal(host, result.Host);
        Assert.Equal(query, result.Query);
        Assert.True(result.Traits.HasFlag(RequestTraits.LoginEndpoint));
    }

    [Theory]
    [InlineData("\"CONNECT shop.example.com:443 HTTP/1.1\"")]
    [InlineData("\"GET /index.html\"")]
    [InlineData("\"GET https://shop.example.com/ HTTP/1.1\"")]
    public void TryNormalize_UnusualLine_FlagsUnusualRequestLine(string request)
    {
        var draft = Parse("203.0.113.40 - - [10/Mar/2025:12:00:06 +0000] " + request + " 400 150 \"-\" \"-\"");

        Assert.True(Create().TryNormalize(draft, 1, Now, out var result, out _));

        Assert.True(result!.Traits.HasFlag(RequestTraits.UnusualRequestLine));
        Assert.NotEqual(EventNormalizer.InvalidMethod, result.Method);
    }

    [Fact]
    public void TryNormalize_JsonAbsoluteTarget_MatchesLogLine()
    {
        var draft = Draft(path: "https://shop.example.com:443/login?next=%2F");

        Assert.True(Create().TryNormalize(draft, 0, Now, out var result, out _));

        Assert.Equal("/login", result!.Path);
        Assert.Equal("shop.example.com", result.Host);
        Assert.True(result.Traits.HasFlag(RequestTraits.UnusualRequestLine));
        Assert.Equal("https://shop.example.com:443/login?next=%2F", result.RawTarget);
    }

    [Theory]
    [InlineData("/db%2Esql", "/db.sql")]
    [InlineData("/DB.SQL", "/DB.SQL")]
    public void TryNormalize_EncodedSensitivePath_KeepsRawAndFlags(string path, string expectedPath)
    {
        Assert.True(Create().TryNormalize(Draft(path: path), 0, Now, out var result, out _));

        Assert.Equal(expectedPath, result!.Path);
        Assert.Equal(path, result.RawTarget);
        Assert.True(result.Traits.HasFlag(RequestTraits.SensitivePath));
    }

    [Theory]
    [InlineData("Unix", "/admin/config.php.", true)]
    [InlineData("Windows", "/admin/config.php", false)]
    public void TryNormalize_PathProfile_DecidesTrailingDotKey(string profile, string expectedPath, bool evasion)
    {
        var options = new IngestionOptions { PathProfile = Enum.Parse<PathProfile>(profile) };
        var normalizer = new EventNormalizer(options, Classifier, TestClientIp.NoTrustedProxy);

        Assert.True(normalizer.TryNormalize(Draft(path: "/admin/config.php."), 0, Now, out var result, out _));

        Assert.Equal(expectedPath, result!.Path);
        Assert.Equal(evasion, result.Traits.HasFlag(RequestTraits.EvasionShape));
    }

    [Theory]
    [InlineData("/a/../../etc/passwd?x=1", "/etc/passwd", "x=1", RequestTraits.PathTraversal)]
    [InlineData("http://Shop.Example/p%2e%2e/?q", "/p../", "q", RequestTraits.None)]
    [InlineData("/orders/17?page=2", "/orders/17", "page=2", RequestTraits.None)]
    public void TryNormalize_TargetSeenBefore_SameHostPathQueryAndTraits(
        string target,
        string expectedPath,
        string expectedQuery,
        RequestTraits expectedTrait)
    {
        // Normalized targets are remembered by raw target: the second event must come out as the first did.
        var normalizer = Create();
        Assert.True(normalizer.TryNormalize(Draft(path: target), 0, Now, out var first, out _));
        Assert.True(normalizer.TryNormalize(Draft(path: new string(target)), 1, Now, out var second, out _));

        Assert.Equal(expectedPath, second!.Path);
        Assert.Equal(expectedQuery, second.Query);
        Assert.True((second.Traits & expectedTrait) == expectedTrait);
        Assert.Equal(
            (first!.Host, first.Path, first.Query, first.Traits),
            (second.Host, second.Path, second.Query, second.Traits));
    }

    [Fact]
    public void TryNormalize_FieldLimits_TrimCutOrReject()
    {
        var draft = Draft();
        draft.UserId = "  u-1  ";
        draft.UserAgent = new string('a', 5000);
        draft.Host = "Shop.Example.COM:8443";

        Assert.True(Create().TryNormalize(draft, 0, Now, out var result, out _));
        draft.UserId = new string('u', EventNormalizer.MaxUserIdLength + 1);
        var tooLong = Create().TryNormalize(draft, 0, Now, out _, out var rejection);

        Assert.Equal("u-1", result!.UserId);
        Assert.Equal(EventNormalizer.MaxUserAgentLength, result.UserAgent!.Length);
        Assert.Equal("shop.example.com", result.Host);
        Assert.False(tooLong);
        Assert.Equal("userId", rejection!.Field);
    }

    [Fact]
    public void TryNormalize_InvalidEncodingAndStaticAsset_BecomeTraits()
    {
        var draft = Draft(path: "/img/caf%E9.png");
        draft.InvalidEncoding = true;

        Assert.True(Create().TryNormalize(draft, 0, Now, out var result, out _));

        Assert.True(result!.Traits.HasFlag(RequestTraits.InvalidEncoding));
        Assert.True(result.Traits.HasFlag(RequestTraits.StaticAsset));
    }

    private static EventNormalizer Create(TimeSpan? skew = null) =>
        new(
            new IngestionOptions { MaxFutureSkew = skew ?? TimeSpan.FromMinutes(5) },
            Classifier,
            TestClientIp.NoTrustedProxy);

    private static EventDraft Draft(DateTimeOffset? time = null, string path = "/") => new()
    {
        Time = time,
        Ip = "203.0.113.80",
        Method = "GET",
        Target = path,
        Status = 200,
        UserAgent = "Mozilla/5.0",
    };

    private static EventDraft Parse(string line)
    {
        var ok = AccessLogParser.TryParse(Encoding.UTF8.GetBytes(line), AccessLogFormat.Auto, out var draft, out var r);
        Assert.True(ok, r);
        return draft!;
    }
}
