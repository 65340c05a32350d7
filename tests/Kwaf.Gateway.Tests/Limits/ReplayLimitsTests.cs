using System.Text;
using Kwaf.Gateway.Tests.Replay;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>The line limit of <c>replay</c>: a line over it is rejected with its number, the next is read.</summary>
public sealed class ReplayLimitsTests
{
    private const int MaxLineBytes = 1024;

    [Fact]
    public async Task Replay_LineOverLimit_RejectedWithItsNumberAndNeighboursTaken()
    {
        string[] lines =
        [
            Padded("198.51.100.70", MaxLineBytes),
            Padded("198.51.100.71", MaxLineBytes + 1),
            Padded("198.51.100.72", 200),
        ];
        var settings = Path.Combine(Path.GetTempPath(), $"kwaf-limits-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(settings, "{\"Kwaf\":{\"Events\":{\"MaxLineBytes\":" + MaxLineBytes + "}}}");

        try
        {
            var report = await ReplayRun.LinesAsync(lines, "--config", settings);

            var key = $"line: longer than {MaxLineBytes} bytes";
            Assert.Equal(2, report.GetProperty("accepted").GetInt64());
            Assert.Equal(1, report.GetProperty("rejected").GetInt64());
            Assert.Equal(1, report.GetProperty("rejectedByReason").GetProperty(key).GetInt64());
            Assert.Equal(2, Assert.Single(report.GetProperty("firstRejectedLines").GetProperty(key).EnumerateArray())
                .GetInt64());
        }
        finally
        {
            File.Delete(settings);
        }
    }

    /// <summary>A combined-format line of exactly <paramref name="bytes"/> bytes (the user agent fills it).</summary>
    private static string Padded(string ip, int bytes)
    {
        var head = $"{ip} - - [10/Mar/2025:12:00:01 +0000] \"GET /products HTTP/1.1\" 200 512 \"-\" \"";
        return head + new string('a', bytes - Encoding.ASCII.GetByteCount(head) - 1) + "\"";
    }
}
