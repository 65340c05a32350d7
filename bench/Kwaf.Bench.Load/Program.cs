using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kwaf.Bench.Load;

/// <summary>
/// The end-to-end benchmark: starts kwaf gateways (and the bare reference app) on loopback, drives the workloads,
/// and writes latest.json and latest.md. Usage (scripts/bench.sh passes everything):
/// <c>Kwaf.Bench.Load --gateway DLL --bare DLL --work DIR --out DIR [--quick] [--postgres CONN] [--micro DIR]
/// [--fail2ban-regex PATH]</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        Directory.CreateDirectory(settings.WorkFolder);
        var started = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(settings.Quick ? 45 : 180));

        // SIGTERM and Ctrl-C cancel the run: it unwinds, stops its servers and writes what it measured.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        var runner = new BenchRunner(settings);
        var failed = false;
        try
        {
            await runner.RunAsync(cancellation.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException
            or OperationCanceledException or IOException)
        {
            // Whatever was measured before the failure is still written, and the failure is named in the notes.
            Console.Error.WriteLine("bench: " + ex);
            failed = true;
        }

        var notes = runner.Notes.ToList();
        if (failed)
        {
            notes.Add("The run stopped early on an error (see the bench log): figures after it are missing.");
        }

        ReportWriter.Write(settings, runner.Figures, notes, MicroResult.ReadAll(settings.MicroFolder), started,
            clock.Elapsed.TotalSeconds);
        return failed ? 1 : 0;
    }
}
