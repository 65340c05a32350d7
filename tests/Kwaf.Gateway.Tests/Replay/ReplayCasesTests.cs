using System.Globalization;
using System.Text;
using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.Replay;

/// <summary>The log-line cases of CASES.md (C-02 to C-07) fed through <c>replay</c>.</summary>
public sealed class ReplayCasesTests : IDisposable
{
    private readonly string _settings = Path.Combine(Path.GetTempPath(), $"kwaf-settings-{Guid.NewGuid():N}.json");

    public ReplayCasesTests()
    {
        // Test setting of the cases: 5 failed logins in 60 s block the client.
        File.WriteAllText(_settings, """
            {"Kwaf":{"Policy":{"Detectors":{"LoginBruteForce":{"Window":"00:01:00","Threshold":5,"Points":80}}}}}
            """);
    }

    public void Dispose() => File.Delete(_settings);

    [Fact]
    public async Task Replay_C02_EverySpellingOfOneIpv6AddressIsOneClient()
    {
        string[] lines =
        [
            Login("2001:db8:0:1287::1:1", "12:00:01"),
            Login("2001:db8:0:1287::1:1", "12:00:02"),
            Login("2001:db8:0:1287::1:1", "12:00:03"),
            Login("2001:DB8:0:1287:0:0:1:1", "12:00:04"),
            Login("2001:0db8:0000:1287:0000:0000:0001:0001", "12:00:05"),
            """2001:db8:0:1287::1 - - [10/Mar/2025:12:00:06 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0" """,
            """2001:db8::7%eth0 - - [10/Mar/2025:12:00:07 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0" """,
        ];

        var report = await ReplayRun.LinesAsync(lines, "--top", "0", "--config", _settings);

        var attacker = ReplayRun.Subject(report, "ip", "2001:db8:0:1287::1:1");
        Assert.True(attacker.HasValue, "the five spellings should be one subject in RFC 5952 form");
        Assert.Equal(5, attacker.Value.GetProperty("events").GetInt64());
        Assert.Equal("block", attacker.Value.GetProperty("decision").GetString());
        Assert.Null(ReplayRun.Subject(report, "ip", "2001:db8:0:1287::1"));
        Assert.Equal(3, report.GetProperty("ipSubjects").GetInt64());
        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
        Assert.DoesNotContain("%eth0", report.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_C03_MappedIpv4LineLandsOnTheIpv4Client()
    {
        string[] lines =
        [
            .. Enumerable.Range(1, 5)
                .Select(i => Login(i % 2 == 0 ? "203.0.113.9" : "::ffff:203.0.113.9", $"12:00:0{i}")),
        ];

        var report = await ReplayRun.LinesAsync(lines, "--top", "0", "--config", _settings);

        Assert.Equal(1, report.GetProperty("ipSubjects").GetInt64());
        var client = ReplayRun.Subject(report, "ip", "203.0.113.9");
        Assert.True(client.HasValue, "mapped and plain forms should be one IPv4 subject");
        Assert.Equal("block", client.Value.GetProperty("decision").GetString());
        Assert.DoesNotContain("::ffff:", report.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_C04_AbsoluteFormAndUnusualRequestLinesStillCount()
    {
        const string Ip = "203.0.113.40";
        string[] lines =
        [
            Combined(Ip, "12:00:01", "POST https://shop.example.com/login HTTP/1.1", "401 12", "Mozilla/5.0"),
            Combined(
                Ip,
                "12:00:02",
                "POST https://shop.example.com:443/login?next=%2F HTTP/1.1",
                "401 12",
                "Mozilla/5.0"),
            $"""{Ip} - - [10/Mar/2025:12:00:03 +0000] "POST /login HTTP/1.1" 401 12 "-" "Mozilla/5.0" """,
            $"""{Ip} - - [10/Mar/2025:12:00:04 +0000] "POST /login HTTP/2.0" 401 12 "-" "Mozilla/5.0" """,
            $"""{Ip} - - [10/Mar/2025:12:00:05 +0000] "POST //login HTTP/1.1" 401 12 "-" "Mozilla/5.0" """,
            $"""{Ip} - - [10/Mar/2025:12:00:06 +0000] "CONNECT shop.example.com:443 HTTP/1.1" 400 150 "-" "-" """,
            $"""{Ip} - - [10/Mar/2025:12:00:07 +0000] "GET /index.html" 200 512 "-" "-" """,
        ];

        var report = await ReplayRun.LinesAsync(lines, "--top", "0", "--config", _settings);

        Assert.Equal(7, report.GetProperty("accepted").GetInt64());
        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
        var client = ReplayRun.Subject(report, "ip", Ip)!.Value;
        Assert.Equal("block", client.GetProperty("decision").GetString());
        Assert.Contains("login-brute-force", ReplayRun.SignalNames(client));
        Assert.Contains("unusual-request-line", ReplayRun.SignalNames(client));
    }

    [Fact]
    public async Task Replay_C05_InvalidUtf8AndEscapedBinaryNeverStopTheReader()
    {
        var content = new List<byte>();
        content.AddRange(Encoding.ASCII.GetBytes(
            Combined("203.0.113.31", "12:00:01", """\x16\x03\x01\x00\xA5\x01\x00\x00\xA1\x03\x03""", "400 150", "-")
            + "\n"));
        content.AddRange(Encoding.ASCII.GetBytes("""203.0.113.31 - - [10/Mar/2025:12:00:02 +0000] "GET /caf"""));
        content.AddRange([0xE9, (byte)'/', 0xC3, 0x28]);
        content.AddRange(Encoding.ASCII.GetBytes(""" HTTP/1.1" 404 150 "-" "Mozilla/5.0 """));
        content.AddRange([0xFF, 0xFE, (byte)'"', (byte)'\n']);
        content.AddRange(Encoding.ASCII.GetBytes(
            """198.51.100.3 - - [10/Mar/2025:12:00:03 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0" """ + "\n"));

        var report = await ReplayRun.BytesAsync([.. content], "--top", "0", "--all");

        Assert.Equal(3, report.GetProperty("lines").GetInt64());
        Assert.Equal(3, report.GetProperty("accepted").GetInt64());
        Assert.Equal(1, report.GetProperty("invalidEncoding").GetInt64());
        var noisy = ReplayRun.Subject(report, "ip", "203.0.113.31");
        Assert.True(noisy.HasValue, "the binary request line is a malformed-request signal, not a dropped line");
        Assert.Contains("malformed-request", ReplayRun.SignalNames(noisy.Value));
    }

    [Fact]
    public async Task Replay_C06_EmptyAndDashFieldsDoNotMakeALineUnparsable()
    {
        string[] lines =
        [
            """203.0.113.70 - - [10/Mar/2025:12:00:01 +0000] "HEAD / HTTP/1.1" 200 - "-" "-" """,
            """203.0.113.70 -  [10/Mar/2025:12:00:02 +0000] "GET /account HTTP/1.1" 302 0 "-" "Mozilla/5.0" """,
            """203.0.113.70 - u-1001 [10/Mar/2025:12:00:03 +0000] "GET /account HTTP/1.1" 200 900 "" "" """,
            """203.0.113.70 - - [10/Mar/2025:12:00:04 +0000] "GET /account HTTP/1.1" 200 900""",
        ];

        var report = await ReplayRun.LinesAsync(lines);

        Assert.Equal(4, report.GetProperty("accepted").GetInt64());
        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
        Assert.Equal(1, report.GetProperty("ipSubjects").GetInt64());
        Assert.Equal(1, report.GetProperty("userSubjects").GetInt64());
    }

    [Fact]
    public async Task Replay_MoreClientsThanTheCap_FoldsTheRestIntoTheirNetworkAndCountsThem()
    {
        // Cap 100: 90 slots for single addresses, the last 10 kept for networks, as on a silo.
        var config = Path.Combine(Path.GetTempPath(), $"kwaf-replay-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Kwaf": { "Grains": { "MaxActiveSubjects": 100 } } }""");
        var lines = Enumerable.Range(1, 150)
            .Select(i => string.Create(
                CultureInfo.InvariantCulture,
                $"10.1.0.{i} - - [10/Mar/2025:12:00:{i % 60:00} +0000] "
                + $"\"GET /.env HTTP/1.1\" 404 153 \"-\" \"curl/8\""))
            .ToArray();
        try
        {
            var report = await ReplayRun.LinesAsync(lines, "--config", config, "--all", "--top", "0");

            Assert.Equal(150, report.GetProperty("ipSubjects").GetInt64());
            Assert.Equal(60, report.GetProperty("folded").GetInt64());
            Assert.Equal(0, report.GetProperty("unrated").GetInt64());
            Assert.NotNull(ReplayRun.Subject(report, "ip", "10.1.0.90"));
            Assert.Null(ReplayRun.Subject(report, "ip", "10.1.0.91"));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Replay_RatedIpv6Networks_CountOnlyTheSubjectsTheLinesNamed()
    {
        var config = Path.Combine(Path.GetTempPath(), $"kwaf-replay-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Kwaf": { "Pipeline": { "RateIpv6Networks": true } } }""");
        string[] lines =
        [
            """2001:db8:7:1::1 - u-1 [10/Mar/2025:12:00:01 +0000] "GET /.env HTTP/1.1" 404 9 "-" "curl/8" """,
            """2001:db8:7:1::2 - u-1 [10/Mar/2025:12:00:02 +0000] "GET /.git/config HTTP/1.1" 404 9 "-" "curl/8" """,
            """2001:db8:7:1::2 - u-2 [10/Mar/2025:12:00:03 +0000] "GET / HTTP/1.1" 200 9 "-" "curl/8" """,
            """198.51.100.4 - - [10/Mar/2025:12:00:04 +0000] "GET / HTTP/1.1" 200 9 "-" "curl/8" """,
        ];
        try
        {
            var report = await ReplayRun.LinesAsync(lines, "--config", config, "--all", "--top", "0");

            // Three addresses and two users; the /64 rated beside the IPv6 clients is no client of its own.
            Assert.Equal(3, report.GetProperty("ipSubjects").GetInt64());
            Assert.Equal(2, report.GetProperty("userSubjects").GetInt64());
            var byLevel = report.GetProperty("subjectsByLevel").EnumerateObject().Sum(p => p.Value.GetInt64());
            Assert.Equal(5, byLevel);
            Assert.Null(ReplayRun.Subject(report, "ip", "2001:db8:7:1::/64"));
            Assert.NotNull(ReplayRun.Subject(report, "ip", "2001:db8:7:1::2"));
            Assert.NotNull(ReplayRun.Subject(report, "user", "u-1"));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Replay_C07_ExplicitOffsetsAreHonoured()
    {
        string[] lines =
        [
            """203.0.113.80 - - [10/Mar/2025:17:51:00 +0100] "POST /login HTTP/1.1" 401 12 "-" "curl/8.5.0" """,
            """203.0.113.80 - - [10/Mar/2025:17:51:02 +0100] "POST /login HTTP/1.1" 401 12 "-" "curl/8.5.0" """,
        ];

        var report = await ReplayRun.LinesAsync(lines);

        Assert.Equal(
            new DateTimeOffset(2025, 3, 10, 16, 51, 0, TimeSpan.Zero),
            report.GetProperty("firstEventTime").GetDateTimeOffset());
        Assert.Equal(
            new DateTimeOffset(2025, 3, 10, 16, 51, 2, TimeSpan.Zero),
            report.GetProperty("lastEventTime").GetDateTimeOffset());
    }

    [Fact]
    public async Task Replay_Folder_SaysItIsAFolder()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Kwaf.Gateway.Replay.ReplayCommand.RunAsync([folder.Path], output, error);

        Assert.Equal(2, exit);
        Assert.Contains($"a folder, not a file: {folder.Path}", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_MissingRelativeFile_NamesThePathItWasReadAs()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var relative = Path.Combine($"kwaf-missing-{Guid.NewGuid():N}", "access.log");

        var exit = await Kwaf.Gateway.Replay.ReplayCommand.RunAsync([relative], output, error);

        Assert.Equal(2, exit);
        Assert.Contains($"file not found: {relative}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(relative), error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Replay_EmptyPath_FailsWithAMessageNotACrash(bool emptyConfig)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var log = Path.GetTempFileName();
        try
        {
            string[] args = emptyConfig ? [log, "--config", ""] : [""];

            var exit = await Kwaf.Gateway.Replay.ReplayCommand.RunAsync(args, output, error);

            Assert.Equal(2, exit);
            Assert.Contains("not found: (an empty path)", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task Replay_UnknownOption_FailsWithUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Kwaf.Gateway.Replay.ReplayCommand.RunAsync(["x.log", "--frobnicate"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("unknown option --frobnicate", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Kwaf": { "Grains": { "MaxActiveSubjects": 0 } } }""", "Kwaf:Grains:MaxActiveSubjects")]
    [InlineData("""{ "Kwaf": { "Policy": { "Detectors": { "LoginBruteForce": { "Threshold": -1 } } } } }""",
        "Kwaf:Policy:Detectors:LoginBruteForce")]
    [InlineData("""{ "Kwaf": { "Ingestion": { "MaxPathLength": 0 } } }""", "Kwaf:Ingestion:MaxPathLength")]
    [InlineData("""{ "Kwaf": { "Frobnicate": { "On": true } } }""", "Kwaf:Frobnicate")]
    [InlineData("""{ "Kwaf": { "Policy": { "Frobnicate": 1 } } }""", "Kwaf:Policy:Frobnicate: no such setting")]
    [InlineData("""{ "Kwaf": { "Policy": { "HalfLife": "banana" } } }""", "Kwaf:Policy:HalfLife is 'banana'")]
    [InlineData("""{ "Kwaf": { "Events": { "MaxLineBytes": "abc" } } }""", "Kwaf:Events:MaxLineBytes is 'abc'")]
    [InlineData("""{ "Kwaf": { "Policy": { """, "not valid JSON")]
    public async Task Replay_InvalidSettingsFile_FailsNamingTheKey(string json, string key)
    {
        using var folder = new TempFolder();
        var settings = Path.Combine(folder.Path, "bad.json");
        await File.WriteAllTextAsync(settings, json);
        var log = Path.Combine(folder.Path, "access.log");
        await File.WriteAllLinesAsync(log, [Login("203.0.113.90", "17:51:00")]);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Kwaf.Gateway.Replay.ReplayCommand.RunAsync([log, "--config", settings], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("replay: invalid configuration", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    private static string Login(string ip, string time) =>
        Combined(ip, time, "POST /login HTTP/1.1", "401 12", "curl/8.5.0");

    /// <summary>One combined-format line on 10 March 2025 (UTC) with no referer.</summary>
    private static string Combined(string ip, string time, string request, string statusAndBytes, string agent) =>
        $"""{ip} - - [10/Mar/2025:{time} +0000] "{request}" {statusAndBytes} "-" "{agent}" """;
}
