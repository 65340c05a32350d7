using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Tests.Subjects;

namespace Kwaf.Grains.Tests.Counters;

/// <summary>
/// Subject counters read back from the store: states written before a change of options, of ring form or of hash
/// version, and the stored forms themselves.
/// </summary>
public sealed class SubjectCountersStoredStateTests
{
    private static readonly TimeSpan FullWindow = TimeSpan.FromMinutes(10);

    private static SubjectCounters Create(CounterOptions? options = null) =>
        new(options ?? new CounterOptions(), new CounterState());

    [Fact]
    public void Constructor_BucketWidthChanged_RestartsWindowsButKeepsTotals()
    {
        var state = new CounterState();
        var before = new SubjectCounters(new CounterOptions(), state);
        before.Record(TestEvents.Get(TestEvents.T0, status: 404), null);

        var after = new SubjectCounters(new CounterOptions { BucketWidth = TimeSpan.FromSeconds(5) }, state);

        Assert.Equal(0, after.Sum(CounterKind.NotFound, FullWindow, after.State.NewestBucket));
        Assert.Equal(1, after.State.TotalEvents);
        Assert.Empty(after.State.Buckets);
        Assert.Empty(after.State.NarrowBuckets);
        after.Record(TestEvents.Get(TestEvents.T0.AddSeconds(1), status: 404), null);
        Assert.Equal(1, after.Sum(CounterKind.NotFound, FullWindow, after.State.NewestBucket));
    }

    [Fact]
    public void Constructor_DenseStateFromBeforeNewerKinds_KeepsCountedRowsOnly()
    {
        // A ring stored before rows were sparse: a row for each of the 14 kinds that existed then, row k being kind k.
        var options = new CounterOptions();
        var bucketCount = options.BucketCount;
        var bucket = TestEvents.T0.UtcTicks / options.BucketWidth.Ticks;
        var slot = (int)(bucket % bucketCount);
        var state = new CounterState
        {
            Buckets = new int[14 * bucketCount],
            BucketWidthTicks = options.BucketWidth.Ticks,
            NewestBucket = bucket,
            TotalEvents = 1,
            FirstSeen = TestEvents.T0,
            LastSeen = TestEvents.T0,
        };
        state.Buckets[((int)CounterKind.Requests * bucketCount) + slot] = 1;
        state.Buckets[((int)CounterKind.NotFound * bucketCount) + slot] = 1;
        state.Buckets[((int)CounterKind.MalformedRequests * bucketCount) + slot] = 1;

        var after = new SubjectCounters(options, state);
        var loginPost = TestEvents.Get(
            TestEvents.T0, method: "POST", path: "/login", traits: RequestTraits.LoginEndpoint);
        after.Record(loginPost, null);

        Assert.Equal(4 * bucketCount, after.State.NarrowBuckets.Length);
        Assert.Empty(after.State.Buckets);
        Assert.Equal(2, after.Sum(CounterKind.Requests, FullWindow, bucket));
        Assert.Equal(1, after.Sum(CounterKind.NotFound, FullWindow, bucket));
        Assert.Equal(1, after.Sum(CounterKind.MalformedRequests, FullWindow, bucket));
        Assert.Equal(1, after.Sum(CounterKind.LoginPosts, FullWindow, bucket));
        Assert.Equal(0, after.Sum(CounterKind.AuthFailures, FullWindow, bucket));
    }

    [Fact]
    public void Constructor_StoredWideRingWithALargeCount_StaysWide()
    {
        var options = new CounterOptions();
        var bucket = TestEvents.T0.UtcTicks / options.BucketWidth.Ticks;
        var state = new CounterState
        {
            Buckets = new int[options.BucketCount],
            RowKinds = 1 << (int)CounterKind.Requests,
            BucketWidthTicks = options.BucketWidth.Ticks,
            NewestBucket = bucket,
            TotalEvents = 70_000,
            FirstSeen = TestEvents.T0,
            LastSeen = TestEvents.T0,
        };
        state.Buckets[(int)(bucket % options.BucketCount)] = 70_000;

        var counters = new SubjectCounters(options, state);
        counters.Record(TestEvents.Get(TestEvents.T0), null);

        Assert.Empty(counters.State.NarrowBuckets);
        Assert.Equal(70_001, counters.Sum(CounterKind.Requests, FullWindow, bucket));
    }

    [Fact]
    public void State_NarrowRingWithoutPeers_SurvivesTheStoresJsonForm()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        counters.Record(TestEvents.Get(TestEvents.T0, status: 404), null);

        var json = System.Text.Json.JsonSerializer.Serialize(counters.State);
        var loaded = new SubjectCounters(options, System.Text.Json.JsonSerializer.Deserialize<CounterState>(json)!);
        loaded.Record(TestEvents.Get(TestEvents.T0, status: 404), "user-1");

        Assert.Equal(2, loaded.Sum(CounterKind.NotFound, FullWindow, loaded.State.NewestBucket));
        Assert.Equal(2 * options.BucketCount, loaded.State.NarrowBuckets.Length);
        Assert.Equal(["user-1"], loaded.State.PeerSample);
    }

    [Fact]
    public void Constructor_StateHashedByAnOlderVersion_RestartsDistinctSetsButKeepsCounts()
    {
        var json = StoredAfterThreeEndpoints();
        var stored = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(stored.Remove(nameof(CounterState.HashVersion)), "the stored state names its hash version");

        var loaded = new SubjectCounters(
            new CounterOptions(),
            System.Text.Json.JsonSerializer.Deserialize<CounterState>(stored.ToJsonString())!);

        var end = loaded.State.NewestBucket;
        Assert.Equal(0, loaded.CountDistinct(loaded.State.Endpoints, FullWindow, end));
        Assert.Equal(0, loaded.CountDistinct(loaded.State.Peers, FullWindow, end));
        Assert.Equal(3, loaded.Sum(CounterKind.Requests, FullWindow, end));
        Assert.Equal(3, loaded.State.TotalEvents);
        Assert.Equal(Kwaf.Grains.Counters.StableHash.Version, loaded.State.HashVersion);
        loaded.Record(TestEvents.Get(TestEvents.T0, path: "/a"), null);
        Assert.Equal(1, loaded.CountDistinct(loaded.State.Endpoints, FullWindow, loaded.State.NewestBucket));
    }

    [Fact]
    public void Constructor_StateHashedByThisVersion_KeepsDistinctSets()
    {
        var loaded = new SubjectCounters(
            new CounterOptions(),
            System.Text.Json.JsonSerializer.Deserialize<CounterState>(StoredAfterThreeEndpoints())!);
        loaded.Record(TestEvents.Get(TestEvents.T0, path: "/a"), null);

        var end = loaded.State.NewestBucket;
        Assert.Equal(3, loaded.CountDistinct(loaded.State.Endpoints, FullWindow, end));
        Assert.Equal(1, loaded.CountDistinct(loaded.State.Peers, FullWindow, end));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET /api/orders/{id}")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")]
    [InlineData("utilisateur-\u00e9\U0001F600")]
    public void StableHash_Of_IsTheLowHalfOfXxh3OverLittleEndianUtf16(string text)
    {
        var expected = (uint)System.IO.Hashing.XxHash3.HashToUInt64(System.Text.Encoding.Unicode.GetBytes(text));

        Assert.Equal(expected, Kwaf.Grains.Counters.StableHash.Of(text));
    }

    [Fact]
    public void StableHash_Of_EmptyText_IsXxh3sPublishedValue()
    {
        // XXH3-64 of no bytes with seed 0 is 0x2D06800538D394C2: the stored hashes depend on this never changing.
        Assert.Equal(0x38D394C2u, Kwaf.Grains.Counters.StableHash.Of(string.Empty));
    }

    private static string StoredAfterThreeEndpoints()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a"), "user-1");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/b"), "user-1");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/c"), "user-1");
        Assert.Equal(3, counters.CountDistinct(counters.State.Endpoints, FullWindow, counters.State.NewestBucket));
        return System.Text.Json.JsonSerializer.Serialize(counters.State);
    }

    [Fact]
    public void Constructor_StoredPeersOfFailedLogins_KeptByThisVersionAndRestartedForAnOlderOne()
    {
        var counters = Create();
        counters.Record(TestEvents.FailedLogin(TestEvents.T0, userId: "victim-1"), "victim-1");
        counters.Record(TestEvents.FailedLogin(TestEvents.T0, userId: "victim-2"), "victim-2");
        var json = System.Text.Json.JsonSerializer.Serialize(counters.State);
        var older = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(older.Remove(nameof(CounterState.HashVersion)), "the stored state names its hash version");

        var kept = new SubjectCounters(
            new CounterOptions(),
            System.Text.Json.JsonSerializer.Deserialize<CounterState>(json)!);
        var restarted = new SubjectCounters(
            new CounterOptions(),
            System.Text.Json.JsonSerializer.Deserialize<CounterState>(older.ToJsonString())!);

        var end = kept.State.NewestBucket;
        Assert.Equal(2, kept.CountDistinct(kept.State.LoginFailurePeers, FullWindow, end));
        Assert.Null(restarted.State.LoginFailurePeers);
    }

    [Fact]
    public void Constructor_StoredEmptyPeerSetAndSample_GivesThemUp()
    {
        var state = new CounterState { Peers = new DistinctSetState(), PeerSample = [] };

        var counters = new SubjectCounters(new CounterOptions(), state);

        Assert.Null(counters.State.Peers);
        Assert.Null(counters.State.PeerSample);
    }

    [Fact]
    public void Touch_StoredSetWithoutEmptySlots_GrowsFromItsLength()
    {
        var set = new DistinctSetState { Hashes = [1, 2, 3], LastSeenBuckets = [5, 6, 7] };

        set.Touch(4, 8, capacity: 8);

        Assert.Equal(6, set.Hashes.Length);
        Assert.Equal(4, set.CountBetween(5, 8));
        Assert.Equal(2, set.CountBetween(7, 8));
    }
}
