using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Kwaf.Bench.Micro;

/// <summary>
/// Runs the micro benchmarks in this process (no generated project to build per run: builds are slow on a shared
/// 2-core machine). <c>--quick</c> takes fewer iterations; other arguments go to BenchmarkDotNet
/// (<c>--filter *Check*</c>, <c>--artifacts DIR</c>).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToList();
        if (!rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        var job = quick
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5)
            : Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15);
        var config = DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithId(quick ? "quick" : "full"))
            .AddExporter(CsvExporter.Default)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(
            [.. rest],
            config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
