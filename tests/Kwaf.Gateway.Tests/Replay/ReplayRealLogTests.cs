using System.Text.Json;

namespace Kwaf.Gateway.Tests.Replay;

/// <summary>
/// Replays slices of three real public access logs (see Replay/Data/SOURCES.md) and checks named offenders and
/// named benign clients.
/// </summary>
public sealed class ReplayRealLogTests
{
    [Fact]
    public async Task Replay_HoneynetSlice_RatesNiktoScannerHighOrCritical()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("honeynet-2004-slice.log.gz"), "--top", "0");

        var nikto = ReplayRun.Subject(report, "ip", "68.49.152.86");
        Assert.True(nikto.HasValue, "the Nikto scanner 68.49.152.86 should be listed above ok");
        Assert.Contains(nikto.Value.GetProperty("level").GetString(), new[] { "high", "critical" });
        Assert.Contains("scanner-agent", ReplayRun.SignalNames(nikto.Value));
        Assert.NotEqual("allow", nikto.Value.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Replay_HoneynetSlice_RatesCmdExeWormsCriticalForInjection()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("honeynet-2004-slice.log.gz"), "--top", "0");

        // 221.163.185.32 sends the Nimda family's encoded ../ traversals to cmd.exe and root.exe.
        var worm = ReplayRun.Subject(report, "ip", "221.163.185.32");
        Assert.True(worm.HasValue, "the worm 221.163.185.32 should be listed above ok");
        Assert.Equal("critical", worm.Value.GetProperty("level").GetString());
        Assert.Equal("block", worm.Value.GetProperty("decision").GetString());
        Assert.Contains("injection", ReplayRun.SignalNames(worm.Value));
    }

    [Fact]
    public async Task Replay_HoneynetSlice_RejectsHostNameClientsWithLineNumbersAndKeepsBinaryLines()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("honeynet-2004-slice.log.gz"));

        var lines = report.GetProperty("lines").GetInt64();
        var accepted = report.GetProperty("accepted").GetInt64();
        var rejected = report.GetProperty("rejected").GetInt64();
        Assert.Equal(3063, lines);
        Assert.Equal(lines, accepted + rejected);
        const string HostName = "line: ip: host name, not an address";
        Assert.Equal(10, report.GetProperty("rejectedByReason").GetProperty(HostName).GetInt64());
        Assert.Equal(5, report.GetProperty("firstRejectedLines").GetProperty(HostName).GetArrayLength());
        Assert.True(report.GetProperty("invalidEncoding").GetInt64() >= 3, "the binary SEARCH lines are kept");
    }

    [Fact]
    public async Task Replay_SameFileTwice_GivesTheSameRatings()
    {
        var file = ReplayRun.DataFile("honeynet-2004-slice.log.gz");

        var first = await ReplayRun.JsonAsync(file, "--top", "0");
        var second = await ReplayRun.JsonAsync(file, "--top", "0");

        Assert.Equal(first.GetProperty("subjects").GetRawText(), second.GetProperty("subjects").GetRawText());
        Assert.Equal(
            first.GetProperty("subjectsByLevel").GetRawText(),
            second.GetProperty("subjectsByLevel").GetRawText());
    }

    [Fact]
    public async Task Replay_ElasticSlice_DoesNotBlockSearchCrawlerOrFeedReader()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("elastic-apache-slice.log"), "--top", "0");

        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
        foreach (var benign in new[] { "66.249.73.135", "46.105.14.53" })
        {
            var subject = ReplayRun.Subject(report, "ip", benign);
            var decision = subject?.GetProperty("decision").GetString() ?? "allow";
            Assert.True(decision == "allow", $"{benign} (crawler or feed reader) must not be throttled or blocked");
        }

        Assert.False(report.GetProperty("subjectsByDecision").TryGetProperty("block", out _), "nothing blocked");
    }

    [Fact]
    public async Task Replay_BasjesSlice_ParsesEveryLineAndReportsEveryClient()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("basjes-hackers-slice.log"));

        Assert.Equal(1200, report.GetProperty("accepted").GetInt64());
        var byLevel = report.GetProperty("subjectsByLevel").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.Equal(report.GetProperty("ipSubjects").GetInt64(), byLevel);
    }

    [Fact]
    public async Task Replay_ReportShape_HasTheDocumentedFields()
    {
        var report = await ReplayRun.JsonAsync(ReplayRun.DataFile("honeynet-2004-slice.log.gz"), "--top", "3");

        string[] fields = ["lines", "accepted", "rejected", "rejectedByReason", "seconds", "linesPerSecond"];
        foreach (var field in fields)
        {
            Assert.True(report.TryGetProperty(field, out _), $"report field {field}");
        }

        var subjects = report.GetProperty("subjects");
        Assert.Equal(3, subjects.GetArrayLength());
        var first = subjects[0];
        Assert.Contains(first.GetProperty("level").GetString(), new[] { "suspicious", "high", "critical" });
        Assert.Contains(first.GetProperty("decision").GetString(), new[] { "allow", "throttle", "block" });
        Assert.Equal(JsonValueKind.Array, first.GetProperty("signals").ValueKind);
    }
}
