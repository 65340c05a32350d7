using System.Collections.Concurrent;
using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// A dispatch round is waited for while its calls keep completing, however long that takes, and left once
/// <see cref="PipelineOptions.MaxRoundWait"/> passes with none completing. The grains are stand-ins whose every call
/// waits until the test answers it, and the clock is a fake one that says when the dispatcher starts a wait, so each
/// step happens at a known point; the pipeline around them is the real one.
/// </summary>
public sealed class RoundWaitTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = PipelineEvents.Start;
    private static readonly TimeSpan Bound = PipelineEvents.Bound;
    private static readonly TimeSpan RoundWait = TimeSpan.FromMilliseconds(250);

    private readonly SignallingClock _clock = new(Start);
    private readonly HeldGrains _grains = new();
    private readonly PipelineUnderTest _under;
    private readonly IngestionPipeline _pipeline;

    public RoundWaitTests()
    {
        // No dispatch window: the clock's only timer is then each round's wait, which the tests step through.
        _under = new PipelineUnderTest(
            new PipelineOptions { MaxRoundWait = RoundWait, DispatchWindow = TimeSpan.Zero },
            _grains.Of,
            _clock);
        _pipeline = _under.Pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        _grains.AnswerAll();
        await _under.DisposeAsync();
    }

    [Fact]
    public async Task BusyRound_ACallCompletesInEveryWait_IsWaitedForLongerThanMaxRoundWait()
    {
        await StartWithOneRoundAsync("10.0.0.1", "10.0.0.2", "10.0.0.3");

        // Two full waits pass, each with one call completing in it: the round takes twice MaxRoundWait.
        await _clock.NextWait.WaitAsync(Bound);
        await _grains.AnswerAsync("10.0.0.1");
        _clock.Advance(RoundWait);
        await _clock.NextWait.WaitAsync(Bound);
        await _grains.AnswerAsync("10.0.0.2");
        _clock.Advance(RoundWait);
        await _clock.NextWait.WaitAsync(Bound);
        await _grains.AnswerAsync("10.0.0.3");
        await _pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        var stats = _under.Stats();
        Assert.Equal(0, stats.SlowDeliveries);
        Assert.Equal(3, stats.Dispatched);
    }

    [Fact]
    public async Task StuckCall_AWaitWithNoCallCompleting_LeavesItAndItsNextEventsFollowIt()
    {
        await StartWithOneRoundAsync("10.0.0.1", "10.0.0.2");
        await _clock.NextWait.WaitAsync(Bound);
        await _grains.AnswerAsync("10.0.0.1");
        _clock.Advance(RoundWait);
        await _clock.NextWait.WaitAsync(Bound);
        _clock.Advance(RoundWait);

        // The dispatcher has gone on: the next round reaches a fresh subject while 10.0.0.2 still holds its first
        // call, and its own next event waits behind that call instead of overtaking it.
        List<HttpEvent> next = [Event("10.0.0.2"), Event("10.0.0.3")];
        Assert.Equal(2, await _pipeline.TryEnqueueAsync(next, CancellationToken.None));
        await _grains.Called("10.0.0.3", times: 1).WaitAsync(Bound);
        Assert.Equal(1, _grains.Calls("10.0.0.2"));
        Assert.Equal(1, _under.Stats().SlowDeliveries);

        await _grains.AnswerAsync("10.0.0.3");
        await _grains.AnswerAsync("10.0.0.2");
        await _grains.Called("10.0.0.2", times: 2).WaitAsync(Bound);
        await _grains.AnswerAsync("10.0.0.2");
        await _pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        var stats = _under.Stats();
        Assert.Equal(1, stats.SlowDeliveries);
        Assert.Equal(4, stats.Dispatched);
        Assert.Equal(0, stats.DispatchFailures);
    }

    /// <summary>
    /// Queues one event per address before the dispatcher starts, so that its first round holds them all, and waits
    /// until every one of them has reached its grain.
    /// </summary>
    private async Task StartWithOneRoundAsync(params string[] ips)
    {
        Assert.Equal(ips.Length, await _pipeline.TryEnqueueAsync([.. ips.Select(Event)], CancellationToken.None));
        await _pipeline.StartAsync(CancellationToken.None);
        foreach (var ip in ips)
        {
            await _grains.Called(ip, times: 1).WaitAsync(Bound);
        }
    }

    private static HttpEvent Event(string ip) => PipelineEvents.ForIp(ip);

    /// <summary>
    /// Grains whose calls complete only when answered, in the order they came. An answer completes its call on a
    /// pool thread with no synchronization context, where the pipeline's continuations run inline, so the pipeline
    /// has counted the call before <see cref="AnswerAsync"/> completes (the test's own context would post them).
    /// </summary>
    private sealed class HeldGrains
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskCompletionSource<IngestOutcome>>> _held =
            new();
        private readonly ConcurrentDictionary<(string Ip, int Times), TaskCompletionSource> _called = new();
        private readonly ConcurrentDictionary<string, int> _calls = new();

        public ISubjectGrain Of(SubjectKind kind, string grainKey) =>
            new StandInSubjectGrain(_ => IngestAsync(grainKey));

        public int Calls(string ip) => _calls.GetValueOrDefault(SubjectKey.ForIp(ip).ToGrainKey());

        public Task Called(string ip, int times) => CalledSignal(SubjectKey.ForIp(ip).ToGrainKey(), times).Task;

        public Task AnswerAsync(string ip)
        {
            Assert.True(_held[SubjectKey.ForIp(ip).ToGrainKey()].TryDequeue(out var call), $"{ip} holds no call");
            return Task.Run(() => call.SetResult(IngestOutcome.Ingested));
        }

        public void AnswerAll()
        {
            foreach (var calls in _held.Values)
            {
                while (calls.TryDequeue(out var call))
                {
                    call.TrySetResult(IngestOutcome.Ingested);
                }
            }
        }

        private TaskCompletionSource CalledSignal(string grainKey, int times) =>
            _called.GetOrAdd(
                (grainKey, times),
                static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private Task<IngestOutcome> IngestAsync(string grainKey)
        {
            var call = new TaskCompletionSource<IngestOutcome>();
            _held.GetOrAdd(grainKey, static _ => new ConcurrentQueue<TaskCompletionSource<IngestOutcome>>())
                .Enqueue(call);
            var times = _calls.AddOrUpdate(grainKey, 1, static (_, n) => n + 1);
            CalledSignal(grainKey, times).TrySetResult();
            return call.Task;
        }
    }
}
