using System.Numerics;
using Kwaf.Events;
using Kwaf.Ratings;

namespace Kwaf.Grains.Counters;

/// <summary>
/// Counts one subject's events into a ring of time buckets (one row per <see cref="CounterKind"/>), bounded distinct
/// sets and per-endpoint totals. Time is event time: the ring advances with the newest event time seen, so a replay
/// gives the same counts as live traffic. Events older than the ring count in the totals only.
/// </summary>
/// <remarks>
/// A window of k buckets ends with the bucket that holds its end instant, so it covers between k-1 and k bucket
/// widths of event time. Window sums cost O(k); recording an event costs O(1) plus O(capacity) for the distinct sets.
/// Only kinds with a count in the window hold a row (see <see cref="CounterState.Buckets"/>): a subject that makes
/// plain requests needs 120 bytes of ring at the default 60 buckets (two bytes a count until one passes 65,535), not
/// 4 KB.
/// Not thread-safe: the owning grain's turn is the guard.
/// </remarks>
internal sealed partial class SubjectCounters
{
    /// <summary>The number of counter kinds: one ring row each.</summary>
    internal const int KindCount = 17;

    private readonly long _bucketWidthTicks;
    private readonly int _bucketCount;
    private readonly CounterOptions _options;
    private bool _ringRestarted;

    public SubjectCounters(CounterOptions options, CounterState state)
    {
        _options = options;
        _bucketWidthTicks = options.BucketWidth.Ticks;
        _bucketCount = options.BucketCount;
        State = state;
        EnsureShape();
        EnsureHashVersion();

        // States stored before the peer set and sample were created on the first peer hold them empty.
        if (state.Peers is { Hashes.Length: 0 })
        {
            state.Peers = null;
        }

        if (state.PeerSample is { Count: 0 })
        {
            state.PeerSample = null;
        }
    }

    public CounterState State { get; }

    public TimeSpan FullWindow => _options.Window;

    public long BucketOf(DateTimeOffset time) => time.UtcTicks / _bucketWidthTicks;

    /// <summary>Counts one event.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="peer">The peer (user id of an IP event, IP of a user event), or null.</param>
    public void Record(HttpEvent evt, string? peer)
    {
        var bucket = BucketOf(evt.Time);
        TrackTimes(evt.Time, bucket);
        var isStatic = (evt.Traits & RequestTraits.StaticAsset) != 0;
        State.TotalEvents++;
        if (!isStatic)
        {
            State.NonStaticEvents++;
        }

        CountEndpoint(evt.Endpoint, isStatic);
        RememberPeer(peer);
        if (State.NewestBucket - bucket >= _bucketCount)
        {
            return;
        }

        CountKinds(evt, (int)(bucket % _bucketCount), isStatic);

        if (!isStatic)
        {
            State.Endpoints.Touch(StableHash.Of(evt.Endpoint), bucket, _options.DistinctCapacity);
        }

        if (evt.UserAgent is not null)
        {
            State.UserAgents.Touch(StableHash.Of(evt.UserAgent), bucket, _options.DistinctCapacity);
        }

        if (peer is not null)
        {
            var hash = StableHash.Of(peer);
            (State.Peers ??= new DistinctSetState()).Touch(hash, bucket, _options.DistinctCapacity);
            if (IsLoginFailure(evt))
            {
                (State.LoginFailurePeers ??= new DistinctSetState()).Touch(hash, bucket, _options.DistinctCapacity);
            }
        }
    }

    /// <summary>Sums one counter over the window that ends with <paramref name="endBucket"/>.</summary>
    /// <param name="kind">The counter.</param>
    /// <param name="window">The window; clamped to 1 bucket and to the full window.</param>
    /// <param name="endBucket">The absolute bucket the window ends with.</param>
    /// <returns>The sum.</returns>
    public long Sum(CounterKind kind, TimeSpan window, long endBucket)
    {
        var first = Math.Max(endBucket - BucketsIn(window) + 1, State.NewestBucket - _bucketCount + 1);
        var last = Math.Min(endBucket, State.NewestBucket);
        var row = RowOf(kind);
        if (row < 0)
        {
            return 0;
        }

        var start = row * _bucketCount;
        return State.Buckets.Length > 0
            ? SumRow(State.Buckets, start, first, last)
            : SumRow(State.NarrowBuckets, start, first, last);
    }

    /// <summary>Counts the items of <paramref name="set"/> seen in the window.</summary>
    /// <param name="set">One of the state's distinct sets; null for a set not created yet, which counts 0.</param>
    /// <param name="window">The window; clamped like <see cref="Sum"/>.</param>
    /// <param name="endBucket">The absolute bucket the window ends with.</param>
    /// <returns>The distinct count, at most the distinct capacity.</returns>
    public int CountDistinct(DistinctSetState? set, TimeSpan window, long endBucket) =>
        set?.CountBetween(endBucket - BucketsIn(window) + 1, endBucket) ?? 0;

    /// <summary>Builds the window counts for the rating.</summary>
    /// <param name="window">The window.</param>
    /// <param name="endBucket">The absolute bucket the window ends with.</param>
    /// <returns>The counts.</returns>
    public WindowCounts Snapshot(TimeSpan window, long endBucket) => new(
        window,
        Sum(CounterKind.Requests, window, endBucket),
        Sum(CounterKind.AuthFailures, window, endBucket),
        Sum(CounterKind.NotFound, window, endBucket),
        Sum(CounterKind.OtherClientErrors, window, endBucket),
        Sum(CounterKind.ServerErrors, window, endBucket),
        Sum(CounterKind.RateLimited, window, endBucket),
        Sum(CounterKind.SensitivePaths, window, endBucket),
        Sum(CounterKind.Injections, window, endBucket),
        CountDistinct(State.Endpoints, window, endBucket),
        CountDistinct(State.UserAgents, window, endBucket),
        CountDistinct(State.Peers, window, endBucket));

    /// <summary>The per-endpoint breakdown, busiest first, with <c>other</c> last when it holds events.</summary>
    /// <returns>The breakdown.</returns>
    public IReadOnlyList<EndpointShare> Breakdown()
    {
        var total = Math.Max(1, State.TotalEvents);
        var shares = new List<EndpointShare>(State.EndpointTotals.Count + 1);
        foreach (var entry in State.EndpointTotals)
        {
            shares.Add(new EndpointShare(entry.Endpoint, entry.Events, (double)entry.Events / total));
        }

        shares.Sort(static (a, b) => b.Events.CompareTo(a.Events));
        if (State.OtherEndpointEvents > 0)
        {
            var other = State.OtherEndpointEvents;
            shares.Add(new EndpointShare("other", other, (double)other / total));
        }

        return shares;
    }

    /// <summary>The busiest non-static endpoint since first seen, or null.</summary>
    /// <returns>The entry.</returns>
    public EndpointTotal? TopNonStaticEndpoint()
    {
        EndpointTotal? top = null;
        foreach (var entry in State.EndpointTotals)
        {
            if (!entry.Static && (top is null || entry.Events > top.Events))
            {
                top = entry;
            }
        }

        return top;
    }

    private int BucketsIn(TimeSpan window)
    {
        var buckets = (window.Ticks + _bucketWidthTicks - 1) / _bucketWidthTicks;
        return (int)Math.Clamp(buckets, 1, _bucketCount);
    }

    private void EnsureShape()
    {
        var sameWidth = State.BucketWidthTicks == _bucketWidthTicks;
        if (sameWidth && State.RowKinds is { } kinds
            && RingLength == BitOperations.PopCount((uint)kinds) * _bucketCount)
        {
            NarrowIfItFits();
            return;
        }

        if (sameWidth && State.RowKinds is null && State.Buckets.Length > 0
            && State.Buckets.Length <= KindCount * _bucketCount && State.Buckets.Length % _bucketCount == 0)
        {
            // A state stored with a row for every kind (counter kinds are only ever appended, so a ring written before
            // the newer kinds existed has fewer rows, row k still being kind k): keep the rows that hold a count.
            State.RowKinds = (1 << (State.Buckets.Length / _bucketCount)) - 1;
            DropEmptyRows();
            return;
        }

        // The bucket geometry changed (new options): old buckets cannot be mapped, so windows restart empty while
        // totals, endpoint tables and first/last seen are kept.
        State.Buckets = [];
        State.NarrowBuckets = [];
        State.RowKinds = 0;
        State.BucketWidthTicks = _bucketWidthTicks;
        State.Endpoints = new DistinctSetState();
        State.UserAgents = new DistinctSetState();
        State.Peers = null;
        State.LoginFailurePeers = null;
        State.NewestBucket = State.TotalEvents == 0 ? 0 : BucketOf(State.LastSeen);
    }

    /// <summary>
    /// Restarts the distinct sets of a state whose hashes came from another version of <see cref="StableHash"/>: no
    /// new hash would match them, so every endpoint, agent and peer would count twice until its window passed.
    /// Totals, rings and endpoint tables are kept.
    /// </summary>
    private void EnsureHashVersion()
    {
        if (State.HashVersion == StableHash.Version)
        {
            return;
        }

        if (State.TotalEvents > 0)
        {
            State.Endpoints = new DistinctSetState();
            State.UserAgents = new DistinctSetState();
            State.Peers = null;
            State.LoginFailurePeers = null;
        }

        State.HashVersion = StableHash.Version;
    }

    private void TrackTimes(DateTimeOffset time, long bucket)
    {
        if (State.TotalEvents == 0)
        {
            State.FirstSeen = time;
            State.LastSeen = time;
            State.NewestBucket = bucket;
            return;
        }

        if (time < State.FirstSeen)
        {
            State.FirstSeen = time;
        }

        if (time > State.LastSeen)
        {
            State.LastSeen = time;
        }

        if (bucket > State.NewestBucket)
        {
            Advance(bucket);
        }
    }

    private void CountKinds(HttpEvent evt, int slot, bool isStatic)
    {
        var kinds = KindsOf(evt, isStatic);
        var current = State.RowKinds.GetValueOrDefault();

        // After a gap of a whole window every row is empty, so the ring keeps just the rows this event counts in; else
        // it gains the rows this event needs. Either way in one new ring at most, not one for each row.
        var restarted = _ringRestarted;
        _ringRestarted = false;
        var wanted = restarted ? kinds : current | kinds;
        if (wanted != current || (restarted && State.Buckets.Length > 0))
        {
            Reshape(current, wanted, restarted);
        }

        for (var rest = kinds; rest != 0; rest &= rest - 1)
        {
            Increment(BitOperations.PopCount((uint)(wanted & ((rest & -rest) - 1))), slot);
        }
    }

    /// <summary>The counter kinds one event adds to, as a mask of <see cref="CounterKind"/> bits.</summary>
    private static int KindsOf(HttpEvent evt, bool isStatic)
    {
        const RequestTraits InjectionTraits = RequestTraits.SqlInjection | RequestTraits.CrossSiteScripting
            | RequestTraits.CommandInjection | RequestTraits.PathTraversal;
        const RequestTraits EvasionTraits =
            RequestTraits.DoubleEncoded | RequestTraits.EvasionShape | RequestTraits.InvalidEncoding;
        var traits = evt.Traits;
        var authFailure = evt.Status is 401 or 403;
        var otherClientError = evt.Status is >= 400 and < 500 and not (401 or 403 or 404 or 429);
        return Bit(CounterKind.Requests, true)
            | Bit(CounterKind.AuthFailures, authFailure)
            | Bit(CounterKind.NotFound, evt.Status == 404)
            | Bit(CounterKind.OtherClientErrors, otherClientError)
            | Bit(CounterKind.ServerErrors, evt.Status is >= 500 and < 600)
            | Bit(CounterKind.RateLimited, evt.Status == 429)
            | Bit(CounterKind.SensitivePaths, (traits & RequestTraits.SensitivePath) != 0)
            | Bit(CounterKind.Injections, (traits & InjectionTraits) != 0)
            | Bit(CounterKind.LoginFailures, IsLoginFailure(evt))
            | Bit(CounterKind.StaticAssets, isStatic)
            | Bit(CounterKind.ScannerAgents, (traits & RequestTraits.ScannerAgent) != 0)
            | Bit(CounterKind.MissingAgents, (traits & RequestTraits.MissingAgent) != 0)
            | Bit(CounterKind.EncodedEvasions, (traits & EvasionTraits) != 0)
            | Bit(CounterKind.MalformedRequests, (traits & RequestTraits.MalformedRequest) != 0)
            | Bit(CounterKind.ExploitSignatures, (traits & RequestTraits.ExploitSignature) != 0)
            | Bit(CounterKind.UnusualRequestLines, (traits & RequestTraits.UnusualRequestLine) != 0)
            | Bit(CounterKind.LoginPosts, IsLoginAttempt(evt));

        static int Bit(CounterKind kind, bool when) => when ? 1 << (int)kind : 0;
    }

    /// <summary>Whether the event is a failed login: a 401 or 403 answer from a login-like endpoint.</summary>
    /// <param name="evt">The event.</param>
    /// <returns>True for a refused login, whatever its method.</returns>
    internal static bool IsLoginFailure(HttpEvent evt) =>
        evt.Status is 401 or 403 && (evt.Traits & RequestTraits.LoginEndpoint) != 0;

    /// <summary>
    /// Whether the event is a login or sign-up attempt that <c>login-attempts</c> counts: a POST to a login-like or
    /// registration endpoint, whatever its answer, except a sign-in the application attributed to a user (a 2xx or
    /// 3xx answer that names the user id). Those are people signing in; counting them would flag every office whose
    /// staff sign in through one address.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <returns>True for an attempt that counts.</returns>
    internal static bool IsLoginAttempt(HttpEvent evt) => (evt.Traits & RequestTraits.LoginEndpoint) != 0
        && string.Equals(evt.Method, "POST", StringComparison.Ordinal)
        && !(evt.UserId is not null && evt.Status is >= 200 and < 400);

    private void Increment(int row, int slot)
    {
        var index = (row * _bucketCount) + slot;
        var narrow = State.NarrowBuckets;
        if (narrow.Length > 0)
        {
            if (narrow[index] < ushort.MaxValue)
            {
                narrow[index]++;
                return;
            }

            Widen();
        }

        State.Buckets[index]++;
    }

    private void CountEndpoint(string endpoint, bool isStatic)
    {
        foreach (var entry in State.EndpointTotals)
        {
            if (string.Equals(entry.Endpoint, endpoint, StringComparison.Ordinal))
            {
                entry.Events++;
                return;
            }
        }

        // When the table is full, new endpoints go to "other": the first endpoints seen keep their slots. A subject
        // whose traffic moves to new endpoints later shows them under "other" only.
        var totals = State.EndpointTotals;
        if (totals.Count < _options.EndpointCapacity)
        {
            // Room for one, then doubling: a list's own first growth reserves four, and most subjects keep to one or
            // two endpoints.
            if (totals.Count == totals.Capacity)
            {
                totals.Capacity = Math.Min(Math.Max(1, totals.Count * 2), _options.EndpointCapacity);
            }

            totals.Add(new EndpointTotal { Endpoint = endpoint, Events = 1, Static = isStatic });
        }
        else
        {
            State.OtherEndpointEvents++;
        }
    }

    private void RememberPeer(string? peer)
    {
        if (peer is null)
        {
            return;
        }

        // A peer already in the sample moves to the front as the string it was stored as: the event's copy of it
        // would be a young object hung on an old one at every event.
        var sample = State.PeerSample ??= new List<string>(1);
        var index = sample.IndexOf(peer);
        if (index == 0)
        {
            return;
        }

        if (index > 0)
        {
            peer = sample[index];
            sample.RemoveAt(index);
        }

        sample.Insert(0, peer);
        if (sample.Count > _options.PeerSampleSize)
        {
            sample.RemoveAt(sample.Count - 1);
        }
    }
}
