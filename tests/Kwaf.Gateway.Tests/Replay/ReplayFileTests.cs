using System.IO.Compression;
using System.Text;

namespace Kwaf.Gateway.Tests.Replay;

/// <summary>
/// Files that cannot be read to their end, and files that mix layouts: the report covers what could be read and says
/// what could not.
/// </summary>
public sealed class ReplayFileTests : IDisposable
{
    private const int LineCount = 2_000;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kwaf-replay-{Guid.NewGuid():N}.log.gz");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Replay_GzipWithBrokenDeflateData_ReportsTheLinesBeforeAndExitsWithAnError()
    {
        // A whole member, then a second member whose first deflate block has the reserved block type.
        byte[] broken = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff];
        await File.WriteAllBytesAsync(_file, [.. Gzip(Lines(LineCount)), .. broken]);

        var (exit, report, error) = await ReplayRun.RunAsync(_file, "--top", "0");

        Assert.Equal(1, exit);
        var readError = report.GetProperty("readError").GetString();
        Assert.NotNull(readError);
        Assert.Contains("corrupt", readError, StringComparison.Ordinal);
        Assert.Contains($"line {LineCount} was the last read", readError, StringComparison.Ordinal);
        Assert.Contains(readError, error, StringComparison.Ordinal);
        Assert.Equal(LineCount, report.GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Replay_GzipDamagedHalfway_SaysSoAndExitsWithAnError()
    {
        var gzip = Gzip(Lines(LineCount));
        Array.Clear(gzip, gzip.Length / 2, 50);
        await File.WriteAllBytesAsync(_file, gzip);

        var (exit, report, error) = await ReplayRun.RunAsync(_file, "--top", "0");

        Assert.Equal(1, exit);
        var readError = report.GetProperty("readError").GetString();
        Assert.NotNull(readError);
        Assert.Contains(readError, error, StringComparison.Ordinal);
        Assert.True(report.GetProperty("accepted").GetInt64() > 0, "the lines before the damage are rated");
    }

    [Fact]
    public async Task Replay_GzipCutShort_SaysSoAndExitsWithAnError()
    {
        var gzip = Gzip(Lines(LineCount));
        await File.WriteAllBytesAsync(_file, gzip[..(gzip.Length / 2)]);

        var (exit, report, error) = await ReplayRun.RunAsync(_file, "--top", "0");

        Assert.Equal(1, exit);
        Assert.Contains("cut short", report.GetProperty("readError").GetString(), StringComparison.Ordinal);
        Assert.Contains("cut short", error, StringComparison.Ordinal);
        Assert.InRange(report.GetProperty("lines").GetInt64(), 1, LineCount - 1);
    }

    [Fact]
    public async Task Replay_WholeGzip_HasNoReadError()
    {
        await File.WriteAllBytesAsync(_file, Gzip(Lines(LineCount)));

        var (exit, report, error) = await ReplayRun.RunAsync(_file, "--top", "0");

        Assert.True(exit == 0, error);
        Assert.Equal(LineCount, report.GetProperty("accepted").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.GetProperty("readError").ValueKind);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task Replay_JsonLineAmongCombinedLines_EachLineIsReadAsWhatItIs(int jsonAt)
    {
        var lines = Lines(8).ToList();
        lines[jsonAt] = """
            {"time_iso8601":"2025-03-10T12:00:00+00:00","remote_addr":"203.0.113.50","request_method":"GET",
            "request_uri":"/products/7","status":"200","body_bytes_sent":"512","http_user_agent":"Mozilla/5.0"}
            """.ReplaceLineEndings(string.Empty);

        var report = await ReplayRun.LinesAsync([.. lines], "--top", "0");

        Assert.Equal(8, report.GetProperty("accepted").GetInt64());
        Assert.Equal(0, report.GetProperty("rejected").GetInt64());
    }

    private static string[] Lines(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
            $"198.51.{i / 250}.{i % 250} - - [10/Mar/2025:12:{i / 60 % 60:00}:{i % 60:00} +0000] "
            + $"\"GET /products/{i} HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\""),
    ];

    private static byte[] Gzip(IEnumerable<string> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            var text = Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n");
            gzip.Write(text);
        }

        return buffer.ToArray();
    }
}
