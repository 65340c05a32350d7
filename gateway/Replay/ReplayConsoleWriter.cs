using System.Globalization;
using System.Text.Json;

namespace Kwaf.Gateway.Replay;

/// <summary>Prints a replay report as text for people or as one JSON document for programs.</summary>
internal static class ReplayConsoleWriter
{
    public static void WriteJson(TextWriter output, ReplayReport report, JsonSerializerOptions options) =>
        output.WriteLine(JsonSerializer.Serialize(report, options));

    public static void WriteText(TextWriter output, ReplayReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"kwaf replay of {report.File}"));
        if (report.ReadError is { } error)
        {
            output.WriteLine($"  INCOMPLETE: {error}");
        }

        output.WriteLine(string.Create(
            c,
            $"  lines {report.Lines}, accepted {report.Accepted}, rejected {report.Rejected}, "
            + $"invalid UTF-8 kept as escapes {report.InvalidEncoding}, "
            + $"unattributed (trusted proxy named no client) {report.Unattributed}"));
        output.WriteLine(string.Create(c, $"  {report.Seconds:0.###} s, {report.LinesPerSecond:0} lines/s"));
        output.WriteLine(string.Create(c, $"  log time {report.FirstEventTime:u} .. {report.LastEventTime:u}"));
        output.WriteLine(string.Create(c, $"  subjects: {report.IpSubjects} IPs, {report.UserSubjects} users"));
        if (report.Folded + report.Unrated > 0)
        {
            // Kwaf:Grains:MaxActiveSubjects bounds a replay's memory as it bounds a silo's.
            output.WriteLine(string.Create(
                c,
                $"  at the subject cap: {report.Folded} events rated by their network or client IP, "
                + $"{report.Unrated} unrated"));
        }
        output.WriteLine(string.Create(c, $"  subjects by highest level: {Join(report.SubjectsByLevel)}"));
        output.WriteLine(string.Create(c, $"  subjects by last decision: {Join(report.SubjectsByDecision)}"));
        if (report.RejectedByReason.Count > 0)
        {
            output.WriteLine("rejected lines by reason (first line numbers):");
            foreach (var (reason, count) in report.RejectedByReason)
            {
                var lines = string.Join(", ", report.FirstRejectedLines[reason]);
                output.WriteLine(string.Create(c, $"  {count,7}  {reason}  (lines {lines})"));
            }
        }

        output.WriteLine(string.Create(
            c,
            $"riskiest subjects ({report.Subjects.Count} listed), ranked by the highest score each reached:"));
        output.WriteLine(string.Create(
            c,
            $"  {"kind",-4} {"id",-40} {"score",5} {"level",-10} {"decision",-8} {"events",6}  signals"));
        foreach (var s in report.Subjects)
        {
            var signals = string.Join(", ", s.Signals.Select(g => $"{g.Name} {g.Points:0}"));
            output.WriteLine(string.Create(
                c,
                $"  {s.Kind,-4} {s.Id,-40} {s.Score,5:0.0} {s.Level,-10} {s.Decision,-8} {s.Events,6}  {signals}"));
        }
    }

    private static string Join(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));
}
