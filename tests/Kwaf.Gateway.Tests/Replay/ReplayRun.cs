using System.Text.Json;
using Kwaf.Gateway.Replay;

namespace Kwaf.Gateway.Tests.Replay;

/// <summary>Runs the replay command in process with <c>--json</c> and parses its report.</summary>
internal static class ReplayRun
{
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Replay", "Data", name);

    public static async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (exit, report, error) = await RunAsync(args);

        Assert.True(exit == 0, $"replay {string.Join(' ', args)} exited {exit}: {error}");
        return report;
    }

    /// <summary>
    /// Runs the replay with <c>--json</c>, whatever its exit code: the report, and what it wrote to errors.
    /// </summary>
    public static async Task<(int Exit, JsonElement Report, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ReplayCommand.RunAsync([.. args, "--json"], output, error).WaitAsync(TimeSpan.FromMinutes(2));

        var text = output.ToString();
        var report = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (exit, report, error.ToString());
    }

    public static async Task<JsonElement> LinesAsync(string[] lines, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kwaf-replay-{Guid.NewGuid():N}.log");
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            return await JsonAsync([file, .. args]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task<JsonElement> BytesAsync(byte[] content, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kwaf-replay-{Guid.NewGuid():N}.log");
        await File.WriteAllBytesAsync(file, content);
        try
        {
            return await JsonAsync([file, .. args]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static JsonElement? Subject(JsonElement report, string kind, string id)
    {
        foreach (var subject in report.GetProperty("subjects").EnumerateArray())
        {
            if (subject.GetProperty("kind").GetString() == kind && subject.GetProperty("id").GetString() == id)
            {
                return subject;
            }
        }

        return null;
    }

    public static IReadOnlyList<string> SignalNames(JsonElement subject) =>
        subject.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
}
