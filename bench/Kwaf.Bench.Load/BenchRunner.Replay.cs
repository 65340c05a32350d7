using System.Diagnostics;
using System.Text.Json;

namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    private const string BotSearchFilter = "/etc/fail2ban/filter.d/nginx-botsearch.conf";

    /// <summary>
    /// <c>kwaf replay</c> on a generated combined-format log of the realistic population, timed by the CPU seconds of
    /// the replay process; fail2ban-regex on the same log where it is installed, for its speed and for what a fail2ban
    /// jail would have banned.
    /// </summary>
    private async Task RunReplayAsync(CancellationToken cancellationToken)
    {
        var log = Path.Combine(settings.WorkFolder, "access.log");
        WriteLog(log);
        var perCpuSecond = new List<double>();
        var cpuTotal = 0.0;
        var load = 0.0;
        JsonElement report = default;
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var (cpu, output) = await RunChildAsync(
                "dotnet",
                [settings.GatewayDll, "replay", log, "--json", "--top", "0"],
                Path.GetDirectoryName(Path.GetFullPath(settings.GatewayDll))!,
                cancellationToken);
            report = ParseFirstDocument(JsonPart(output));
            var lines = report.GetProperty("lines").GetInt64();
            perCpuSecond.Add(lines / cpu);
            cpuTotal += cpu;
            load = Math.Max(load, MachineStats.LoadAverage());
        }

        var detection = ReplayDetection.Of(report);
        Add("replay.linesPerCpuSecond", perCpuSecond, "lines/CPU s", cpuTotal, load,
            $"kwaf replay --json on a generated combined log of {settings.ReplayLines} lines (workload (a) population, "
            + $"{Population.AttackerCount} attackers); CPU of the whole replay process (start-up included) from "
            + $"getrusage. {detection.Describe()}; decisions {report.GetProperty("subjectsByDecision")}",
            ">= 150000", v => v >= 150_000);
        await RunFail2BanAsync(log, Stats.Median(perCpuSecond), detection, cancellationToken);
        Note("CrowdSec: not installed (Debian's crowdsec 1.4.6 package fails to configure offline: its "
            + "post-install step registers with the online API).");
    }

    /// <summary>The JSON document of the replay's output: lines before it are the host's console log.</summary>
    private static string JsonPart(string output)
    {
        var start = output.StartsWith('{') ? 0 : output.IndexOf("\n{", StringComparison.Ordinal) + 1;
        return start < 0 ? output : output[start..];
    }

    /// <summary>Reads the first JSON value and ignores what follows it (log lines written at shutdown).</summary>
    private static JsonElement ParseFirstDocument(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    private async Task RunFail2BanAsync(
        string log,
        double kwafLinesPerCpuSecond,
        ReplayDetection kwaf,
        CancellationToken cancellationToken)
    {
        if (settings.Fail2BanRegex is not { } tool || !File.Exists(tool) || !File.Exists(BotSearchFilter))
        {
            Note("fail2ban-regex: not installed, so replay is compared with no other tool (scripts/bench.sh installs "
                + "Debian's fail2ban when it runs as root).");
            return;
        }

        var rates = new List<double>();
        var cpuTotal = 0.0;
        var matches = Fail2BanMatches.Empty;
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var (cpu, output) = await RunChildAsync(
                tool,
                ["--out", "row", log, BotSearchFilter],
                settings.WorkFolder,
                cancellationToken);
            matches = Fail2BanMatches.Parse(output);
            rates.Add(settings.ReplayLines / cpu);
            cpuTotal += cpu;
        }

        var load = MachineStats.LoadAverage();
        Add("replay.fail2banRegexLinesPerCpuSecond", rates, "lines/CPU s", cpuTotal, load,
            $"fail2ban-regex --out row with the nginx-botsearch filter on the same log, one process a run: "
            + matches.Describe(), "none (reference)", null);
        var fail2ban = Stats.Median(rates);
        Add("replay.fail2banSpeedRatio", [kwafLinesPerCpuSecond / fail2ban], "ratio", cpuTotal, load,
            $"replay.linesPerCpuSecond ({kwafLinesPerCpuSecond:0}) / replay.fail2banRegexLinesPerCpuSecond "
            + $"({fail2ban:0}), same log, same run; fail2ban-regex runs one filter, kwaf every detector",
            "none (reference)", null);
        var banned = matches.JailBans();
        var attackersBanned = banned.Count(Population.IsAttacker);
        Add("replay.attackersDetected", [kwaf.AttackersFlagged], "attackers", cpuTotal, load,
            $"attacker IPs kwaf's replay took to high or critical ({kwaf.Describe()}), against the attacker IPs a "
            + $"fail2ban nginx-botsearch jail with Debian's defaults ({Fail2BanMatches.MaxRetry} matches within "
            + $"{Fail2BanMatches.FindTime.TotalMinutes:0} min) would have banned on the same log: {attackersBanned} "
            + $"({banned.Count} IPs in all; {matches.Ips.Count(Population.IsAttacker)} attackers matched at least "
            + "once, with no threshold)",
            $">= fail2ban's {attackersBanned}",
            v => v >= attackersBanned);
    }

    private void WriteLog(string path)
    {
        var population = new Population(BenchSettings.PopulationIps, BenchSettings.PopulationUsers, seed: 2);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(path);
        for (var i = 0; i < settings.ReplayLines; i++)
        {
            writer.WriteLine(Encodings.Combined(Workload.Next(population), start.AddMilliseconds(i * 50L)));
        }
    }

    /// <summary>Runs a child to completion; its CPU seconds come from getrusage of reaped children.</summary>
    private static async Task<(double CpuSeconds, string Output)> RunChildAsync(
        string file,
        IEnumerable<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var before = MachineStats.ReapedChildrenCpuSeconds();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        string output;
        try
        {
            output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var cpu = MachineStats.ReapedChildrenCpuSeconds() - before;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}.");
        }

        return (cpu, output);
    }
}
