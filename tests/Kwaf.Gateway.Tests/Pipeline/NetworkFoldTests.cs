using System.Collections.Concurrent;
using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// Events of addresses refused at the cap go to their network aggregate one call at a time: the folds that arrive
/// while a call is out travel together in the next. A grain that refuses leaves after each call, so calls queued on
/// it all at once would be forwarded from one leaving activation to the next until Orleans rejected them. The grains
/// here are stand-ins that record how they were called; the pipeline around them is the real one.
/// </summary>
public sealed class NetworkFoldTests : IAsyncDisposable
{
    private const int Networks = 4;
    private const int AddressesPerNetwork = 256;
    private const int Addresses = Networks * AddressesPerNetwork;

    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly RecordingGrains _grains = new(Addresses);
    private readonly PipelineUnderTest _under;
    private readonly IngestionPipeline _pipeline;

    public NetworkFoldTests()
    {
        _under = new PipelineUnderTest(new PipelineOptions(), _grains.Of, TimeProvider.System);
        _pipeline = _under.Pipeline;
    }

    public async ValueTask DisposeAsync()
    {
        await _under.DisposeAsync();
    }

    [Fact]
    public async Task RoundOfRefusedAddresses_EachNetworkCalledOneAtATime_AndEveryEventFolded()
    {
        await _pipeline.StartAsync(CancellationToken.None);

        Assert.Equal(Addresses, await _pipeline.TryEnqueueAsync(Events(), CancellationToken.None));
        await _grains.AllAddressesAnswered.WaitAsync(Bound);
        _grains.ReleaseNetworks();
        await _pipeline.FlushAsync(CancellationToken.None).WaitAsync(Bound);
        var stats = _under.Stats();

        Assert.Equal(Networks, _grains.NetworkCalls.Count);
        foreach (var (network, calls) in _grains.NetworkCalls)
        {
            Assert.Equal(1, _grains.MostConcurrent[network]);
            Assert.Equal(AddressesPerNetwork, _grains.NetworkEvents[network]);

            // The first call, held until every address had answered, and one (or, for the network folded last, two)
            // carrying the rest; one call per address without the batching.
            Assert.InRange(calls, 2, 3);
        }

        Assert.Equal(Addresses, stats.Folded);
        Assert.Equal(0, stats.Unrated);
        Assert.Equal(0, stats.DispatchFailures);
    }

    private static List<HttpEvent> Events()
    {
        var events = new List<HttpEvent>(Addresses);
        for (var i = 0; i < Addresses; i++)
        {
            var ip = $"10.1.{i / AddressesPerNetwork}.{i % AddressesPerNetwork}";
            events.Add(new HttpEvent(
                Start, ip, null, "GET", null, "/", null, "/", "GET /", 200, 512, 3.5, null, null, RequestTraits.None));
        }

        return events;
    }

    /// <summary>
    /// Addresses refuse every call (the cap); networks take theirs, the first of each held until every address has
    /// answered, so that the folds behind it can only wait or pile on.
    /// </summary>
    private sealed class RecordingGrains(int addresses)
    {
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, int> _inFlight = new();
        private int _addressCalls;

        public Task AllAddressesAnswered => _answered.Task;

        public ConcurrentDictionary<string, int> NetworkCalls { get; } = new();

        public ConcurrentDictionary<string, int> NetworkEvents { get; } = new();

        public ConcurrentDictionary<string, int> MostConcurrent { get; } = new();

        public ISubjectGrain Of(SubjectKind kind, string grainKey) =>
            new StandInSubjectGrain(events => IngestAsync(grainKey, events));

        public void ReleaseNetworks() => _release.TrySetResult();

        private async Task<IngestOutcome> IngestAsync(string grainKey, IReadOnlyList<HttpEvent> events)
        {
            if (!grainKey.Contains('/', StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _addressCalls) == addresses)
                {
                    _answered.TrySetResult();
                }

                return IngestOutcome.AtCapacity;
            }

            var now = _inFlight.AddOrUpdate(grainKey, 1, static (_, n) => n + 1);
            MostConcurrent.AddOrUpdate(grainKey, now, (_, most) => Math.Max(most, now));
            NetworkCalls.AddOrUpdate(grainKey, 1, static (_, n) => n + 1);
            NetworkEvents.AddOrUpdate(grainKey, events.Count, (_, n) => n + events.Count);
            await _release.Task;
            _inFlight.AddOrUpdate(grainKey, 0, static (_, n) => n - 1);
            return IngestOutcome.Ingested;
        }
    }
}
