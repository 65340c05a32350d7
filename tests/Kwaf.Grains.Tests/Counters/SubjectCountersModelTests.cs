using System.Numerics;
using CsCheck;
using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Tests.Subjects;

namespace Kwaf.Grains.Tests.Counters;

/// <summary>
/// The ring against a plain model of it on random event sequences: steps within a bucket, across buckets, across
/// silences longer than the window, and back in time (inside the window and out of it), with statuses and traits
/// that make rows come and go. After every event each window sum equals the model's, and the ring holds a row for
/// each kind it says it holds.
/// </summary>
public sealed class SubjectCountersModelTests
{
    private static readonly CounterOptions Options = new();

    private static readonly (CounterKind Kind, Func<int, RequestTraits, bool> Counts)[] Kinds =
    [
        (CounterKind.Requests, static (_, _) => true),
        (CounterKind.AuthFailures, static (status, _) => status is 401 or 403),
        (CounterKind.NotFound, static (status, _) => status == 404),
        (CounterKind.ServerErrors, static (status, _) => status is >= 500 and < 600),
        (CounterKind.StaticAssets, static (_, traits) => (traits & RequestTraits.StaticAsset) != 0),
        (CounterKind.ScannerAgents, static (_, traits) => (traits & RequestTraits.ScannerAgent) != 0),
    ];

    /// <summary>Seconds from the newest event: same bucket, next ones, a silence, or back in time.</summary>
    private static readonly Gen<int> Step = Gen.Frequency(
        (6, Gen.Int[0, 30]),
        (2, Gen.Int[30, 700]),
        (1, Gen.Int[600, 3_000]),
        (1, Gen.Int[-800, 0]));

    private static readonly Gen<(int Step, int Status, RequestTraits Traits)> Event = Gen.Select(
        Step,
        Gen.OneOfConst(200, 200, 200, 401, 403, 404, 404, 500),
        Gen.OneOfConst(
            RequestTraits.None,
            RequestTraits.None,
            RequestTraits.StaticAsset,
            RequestTraits.ScannerAgent,
            RequestTraits.ScannerAgent | RequestTraits.StaticAsset));

    [Fact]
    public void Record_AnySequence_SumsAsThePlainModelAndHoldsItsRows() =>
        Event.Array[1, 80].Sample(static events => MatchesModel(events), iter: 3_000);

    private static bool MatchesModel((int Step, int Status, RequestTraits Traits)[] events)
    {
        var counters = new SubjectCounters(Options, new CounterState());
        var counted = new List<(long Bucket, int Status, RequestTraits Traits)>();
        var time = TestEvents.T0;
        var newest = long.MinValue;
        foreach (var (step, status, traits) in events)
        {
            time = time.AddSeconds(step);
            var evt = TestEvents.Get(time, status: status, traits: traits);
            var bucket = counters.BucketOf(time);
            counters.Record(evt, null);
            if (newest == long.MinValue || newest - bucket < Options.BucketCount)
            {
                counted.Add((bucket, status, traits));
            }

            newest = Math.Max(newest, bucket);
            if (!WindowsAgree(counters, counted, newest) || !RowsAgree(counters.State))
            {
                return false;
            }

            time = counters.State.LastSeen;
        }

        return true;
    }

    private static bool WindowsAgree(
        SubjectCounters counters,
        List<(long Bucket, int Status, RequestTraits Traits)> counted,
        long newest)
    {
        foreach (var buckets in new[] { 1, 6, Options.BucketCount })
        {
            var window = Options.BucketWidth * buckets;
            var first = Math.Max(newest - buckets + 1, newest - Options.BucketCount + 1);
            foreach (var (kind, counts) in Kinds)
            {
                var expected = counted.Count(
                    e => e.Bucket >= first && e.Bucket <= newest && counts(e.Status, e.Traits));
                if (counters.Sum(kind, window, newest) != expected)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool RowsAgree(CounterState state) =>
        state.Buckets.Length + state.NarrowBuckets.Length
            == BitOperations.PopCount((uint)state.RowKinds.GetValueOrDefault()) * Options.BucketCount
        && (state.Buckets.Length == 0 || state.NarrowBuckets.Length == 0);
}
