using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kwaf.Bench.Load;

/// <summary>Writes <c>latest.json</c> (figures nested by their dotted keys) and <c>latest.md</c>.</summary>
internal static class ReportWriter
{
    public static void Write(
        BenchSettings settings,
        IReadOnlyList<Figure> figures,
        IReadOnlyList<string> notes,
        IReadOnlyList<MicroResult> micro,
        DateTimeOffset started,
        double totalSeconds)
    {
        Directory.CreateDirectory(settings.OutFolder);
        var machine = Machine();
        var root = new JsonObject
        {
            ["date"] = started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["mode"] = settings.Mode,
            ["machine"] = machine,
            ["durationSeconds"] = Math.Round(totalSeconds, 1),
        };
        foreach (var figure in figures)
        {
            Place(root, figure.Key, ToJson(figure));
        }

        root["micro"] = new JsonArray([.. micro.Select(m => (JsonNode)new JsonObject
        {
            ["class"] = m.Class,
            ["method"] = m.Method,
            ["mean"] = m.Mean,
            ["stdDev"] = m.StdDev,
            ["allocated"] = m.Allocated,
        })]);
        root["notes"] = new JsonArray([.. notes.Select(n => (JsonNode)JsonValue.Create(n))]);
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(settings.OutFolder, "latest.json"), json + "\n");
        File.WriteAllText(
            Path.Combine(settings.OutFolder, "latest.md"),
            Markdown(settings, figures, notes, micro, started, machine));
    }

    private static JsonObject ToJson(Figure figure) => new()
    {
        ["value"] = Number(figure.Value),
        ["unit"] = figure.Unit,
        ["goal"] = figure.Goal,
        ["met"] = figure.Met,
        ["runs"] = new JsonArray([.. figure.Runs.Select(Number)]),
        ["cpuSeconds"] = Number(figure.CpuSeconds),
        ["load"] = Number(figure.Load),
        ["source"] = figure.Source,
        ["mode"] = figure.Mode,
    };

    private static JsonNode? Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 3)) : null;

    private static void Place(JsonObject root, string key, JsonObject value)
    {
        var parts = key.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[parts[^1]] = value;
    }

    private static JsonObject Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        var memory = File.ReadLines("/proc/meminfo").First();
        return new JsonObject
        {
            ["processors"] = Environment.ProcessorCount,
            ["cpu"] = cpu?[(cpu.IndexOf(':') + 1)..].Trim(),
            ["memory"] = memory.Replace("MemTotal:", string.Empty, StringComparison.Ordinal).Trim(),
            ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
    }

    private static string Markdown(
        BenchSettings settings,
        IReadOnlyList<Figure> figures,
        IReadOnlyList<string> notes,
        IReadOnlyList<MicroResult> micro,
        DateTimeOffset started,
        JsonObject machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# kwaf benchmark results ({settings.Mode} mode)")
            .AppendLine()
            .AppendLine(FormattableString.Invariant($"Run {started:yyyy-MM-dd HH:mm} UTC on {machine["processors"]} ")
                + $"cores ({machine["cpu"]}), {machine["memory"]}, {machine["os"]}, {machine["runtime"]}. "
                + "Each value is the median of its runs; CPU s is the server CPU the runs used; load is the highest "
                + "one-minute load average seen during them.")
            .AppendLine()
            .AppendLine("| figure | value | goal | met | runs | CPU s | load |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "**no**", null => "-" };
            var runs = string.Join(", ", f.Runs.Select(Format));
            text.AppendLine(FormattableString.Invariant(
                $"| `{f.Key}` | {Format(f.Value)} {f.Unit} | {f.Goal} | {met} | {runs} | {f.CpuSeconds:0.0} | ")
                + FormattableString.Invariant($"{f.Load:0.00} |"));
        }

        text.AppendLine().AppendLine("## Where each figure comes from").AppendLine();
        foreach (var f in figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{f.Key}`: {f.Source}");
        }

        if (micro.Count > 0)
        {
            text.AppendLine()
                .AppendLine("## Micro benchmarks (BenchmarkDotNet, in process, per operation)")
                .AppendLine()
                .AppendLine("| benchmark | mean | std dev | allocated |").AppendLine("|---|---|---|---|");
            foreach (var m in micro)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {m.Class}.{m.Method} | {m.Mean} | {m.StdDev} | {m.Allocated} |");
            }
        }

        if (notes.Count > 0)
        {
            text.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static string Format(double value) => !double.IsFinite(value) ? "not measured"
        : Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
