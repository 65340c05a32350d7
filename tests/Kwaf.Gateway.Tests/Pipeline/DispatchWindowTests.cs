using System.Collections.Concurrent;
using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// The dispatcher lets events gather for <see cref="PipelineOptions.DispatchWindow"/> before it sends a round, so that
/// events for one subject arriving close together travel in one call. The clock is a fake one that says when the
/// window starts; the grains record the events of every call and answer at once.
/// </summary>
public sealed class DispatchWindowTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = PipelineEvents.Start;
    private static readonly TimeSpan Bound = PipelineEvents.Bound;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly SignallingClock _clock = new(Start);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _calls = new();
    private PipelineUnderTest? _under;

    public async ValueTask DisposeAsync()
    {
        if (_under is not null)
        {
            await _under.DisposeAsync();
        }
    }

    [Fact]
    public async Task EventsArrivingWithinTheWindow_ForOneSubject_TravelInOneCall()
    {
        var pipeline = await StartAsync(new PipelineOptions { DispatchWindow = Window });

        Assert.Equal(1, await pipeline.TryEnqueueAsync([Event("10.0.0.1")], CancellationToken.None));
        await _clock.NextWait.WaitAsync(Bound);
        Assert.Equal(3, await pipeline.TryEnqueueAsync(
            [Event("10.0.0.1"), Event("10.0.0.2"), Event("10.0.0.1")],
            CancellationToken.None));
        Assert.Empty(_calls);

        _clock.Advance(Window);
        await pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal([3], Calls("10.0.0.1"));
        Assert.Equal([1], Calls("10.0.0.2"));
        Assert.Equal(4, _under!.Stats().Dispatched);
    }

    [Fact]
    public async Task AFullRoundWaiting_IsSentWithoutWaitingForTheWindow()
    {
        _under = new PipelineUnderTest(
            new PipelineOptions { DispatchWindow = TimeSpan.FromSeconds(1), MaxEventsPerDispatch = 2 },
            Grain,
            _clock);
        Assert.Equal(2, await _under.Pipeline.TryEnqueueAsync(
            [Event("10.0.0.1"), Event("10.0.0.1")],
            CancellationToken.None));

        // The clock never moves: a dispatcher waiting for its window would never send.
        await _under.Pipeline.StartAsync(CancellationToken.None);
        await _under.Pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal([2], Calls("10.0.0.1"));
    }

    [Fact]
    public async Task NoWindow_SendsAtOnce()
    {
        var pipeline = await StartAsync(new PipelineOptions { DispatchWindow = TimeSpan.Zero });

        Assert.Equal(1, await pipeline.TryEnqueueAsync([Event("10.0.0.1")], CancellationToken.None));
        await pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal([1], Calls("10.0.0.1"));
    }

    [Fact]
    public async Task StoppingDuringTheWindow_DeliversWhatIsWaitingAtOnce()
    {
        var pipeline = await StartAsync(new PipelineOptions { DispatchWindow = TimeSpan.FromSeconds(1) });
        Assert.Equal(2, await pipeline.TryEnqueueAsync(
            [Event("10.0.0.1"), Event("10.0.0.1")],
            CancellationToken.None));
        await _clock.NextWait.WaitAsync(Bound);

        await pipeline.StopAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal([2], Calls("10.0.0.1"));
        Assert.Equal(0, pipeline.Pending);
    }

    [Fact]
    public async Task StoppingAgainAfterDispose_Completes()
    {
        // A web host under test may stop its services again after disposing them.
        var pipeline = await StartAsync(new PipelineOptions { DispatchWindow = Window });
        await pipeline.StopAsync(CancellationToken.None).WaitAsync(Bound);
        pipeline.Dispose();

        await pipeline.StopAsync(CancellationToken.None).WaitAsync(Bound);
    }

    private async Task<IngestionPipeline> StartAsync(PipelineOptions options)
    {
        _under = new PipelineUnderTest(options, Grain, _clock);
        await _under.Pipeline.StartAsync(CancellationToken.None);
        return _under.Pipeline;
    }

    private ISubjectGrain Grain(SubjectKind kind, string grainKey) => new StandInSubjectGrain(events =>
    {
        _calls.GetOrAdd(grainKey, static _ => new ConcurrentQueue<int>()).Enqueue(events.Count);
        return Task.FromResult(IngestOutcome.Ingested);
    });

    private int[] Calls(string ip) =>
        _calls.TryGetValue(SubjectKey.ForIp(ip).ToGrainKey(), out var calls) ? [.. calls] : [];

    private static HttpEvent Event(string ip) => PipelineEvents.ForIp(ip);
}
