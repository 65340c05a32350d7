using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// The real ingestion pipeline over grains the test supplies, with its own counters; stopped and disposed with it.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public PipelineUnderTest(
        PipelineOptions options,
        Func<SubjectKind, string, ISubjectGrain> grains,
        TimeProvider time)
    {
        var wrapped = Options.Create(options);
        Counters = new IngestionCounters(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        Pipeline = new IngestionPipeline(
            new SubjectGrains(grains),
            new SubjectRouting(wrapped),
            Counters,
            wrapped,
            time,
            NullLogger<IngestionPipeline>.Instance);
    }

    public IngestionPipeline Pipeline { get; }

    public IngestionCounters Counters { get; }

    /// <summary>The pipeline's counters as <c>/events/stats</c> would show them now.</summary>
    public IngestionStats Stats() => Counters.Snapshot(Pipeline.Pending, subjects: null);

    public async ValueTask DisposeAsync()
    {
        await Pipeline.StopAsync(CancellationToken.None);
        Pipeline.Dispose();
        await _services.DisposeAsync();
    }
}
