using System.Collections.Concurrent;
using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// A round that fails while it is grouped is counted and dropped whole, and nothing of it reaches a later round: the
/// dispatcher keeps its lookup by subject from round to round. An event the gateway would never make (an address that
/// does not parse, under IPv6 aggregation) makes the round fail here.
/// </summary>
public sealed class FailedRoundTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = PipelineEvents.Start;
    private static readonly TimeSpan Bound = PipelineEvents.Bound;

    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly PipelineUnderTest _under;

    public FailedRoundTests() =>
        _under = new PipelineUnderTest(
            new PipelineOptions { Ipv6SubjectPrefixLength = 64 },
            (_, grainKey) => new StandInSubjectGrain(_ =>
            {
                _calls.AddOrUpdate(grainKey, 1, static (_, n) => n + 1);
                return Task.FromResult(IngestOutcome.Ingested);
            }),
            TimeProvider.System);

    public async ValueTask DisposeAsync() => await _under.DisposeAsync();

    [Fact]
    public async Task RoundFailingWhileGrouped_CountedWhole_AndItsSubjectsNotSentWithTheNext()
    {
        var pipeline = _under.Pipeline;
        Assert.Equal(2, await pipeline.TryEnqueueAsync([Event("10.0.0.1"), Event("zz::1")], CancellationToken.None));
        await pipeline.StartAsync(CancellationToken.None);
        await pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(1, await pipeline.TryEnqueueAsync([Event("10.0.0.2")], CancellationToken.None));
        await pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);

        var stats = _under.Stats();
        Assert.Equal(2, stats.DispatchFailures);
        Assert.Equal(1, stats.Dispatched);
        Assert.Equal(1, _calls[SubjectKey.ForIp("10.0.0.2").ToGrainKey()]);
        Assert.False(_calls.ContainsKey(SubjectKey.ForIp("10.0.0.1").ToGrainKey()));
    }

    private static HttpEvent Event(string ip) => PipelineEvents.ForIp(ip);
}
