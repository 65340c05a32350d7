using BenchmarkDotNet.Attributes;
using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Subjects;
using Kwaf.Subjects;

namespace Kwaf.Bench.Micro;

/// <summary>
/// What a subject grain does per event without Orleans: the sliding-window counters alone, and the whole engine
/// (counters, detectors, score, decision). Each invocation feeds the same 100 events to a subject that has already
/// seen them, which is the steady state of a busy subject.
/// </summary>
[MemoryDiagnoser]
public class SubjectBenchmarks
{
    private const int BatchLength = 100;
    private const string ClientIp = "198.51.100.23";

    private HttpEvent[] _events = [];
    private SubjectCounters? _counters;
    private SubjectEngine? _engine;
    private RiskScorer? _scorer;

    [GlobalSetup]
    public void Setup()
    {
        _events = SampleEvents.ForOneIp(ClientIp, BatchLength);
        var counterOptions = new CounterOptions();
        var policyOptions = new PolicyOptions();
        _counters = new SubjectCounters(counterOptions, new CounterState());
        _engine = new SubjectEngine(
            SubjectKey.ForIp(ClientIp),
            new SubjectState(),
            new SubjectPolicy(counterOptions, policyOptions));
        _scorer = new RiskScorer(policyOptions);
        _engine.Ingest(_events);
        foreach (var evt in _events)
        {
            _counters.Record(evt, evt.UserId);
        }
    }

    [Benchmark(OperationsPerInvoke = BatchLength)]
    public long CountersRecord()
    {
        foreach (var evt in _events)
        {
            _counters!.Record(evt, evt.UserId);
        }

        return _counters!.State.TotalEvents;
    }

    /// <summary>Counting, detectors, scoring and deciding, per event.</summary>
    [Benchmark(OperationsPerInvoke = BatchLength)]
    public int EngineIngestRateAndDecide() => _engine!.Ingest(_events).Decisions.Count;

    /// <summary>The decayed score of every signal at one instant (what a rating and a decision read).</summary>
    [Benchmark]
    public double RiskScore() => _scorer!.ScoreAt(_engine!.State.Signals, SampleEvents.Start.AddSeconds(BatchLength));
}
