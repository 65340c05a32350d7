using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Tests.Subjects;

namespace Kwaf.Grains.Tests.Counters;

public sealed class SubjectCountersTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FullWindow = TimeSpan.FromMinutes(10);

    private static SubjectCounters Create(CounterOptions? options = null) =>
        new(options ?? new CounterOptions(), new CounterState());

    [Fact]
    public void Record_EventsInSameBucket_SumsThemInEveryWindow()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, status: 404), null);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(1), status: 404), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(2, counters.Sum(CounterKind.NotFound, TimeSpan.FromSeconds(10), end));
        Assert.Equal(2, counters.Sum(CounterKind.NotFound, FullWindow, end));
        Assert.Equal(2, counters.Sum(CounterKind.Requests, Minute, end));
    }

    [Fact]
    public void Record_NewerBucket_LeavesOlderBucketsOutOfShortWindow()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0, status: 404), null);

        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(90), status: 404), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(1, counters.Sum(CounterKind.NotFound, Minute, end));
        Assert.Equal(2, counters.Sum(CounterKind.NotFound, FullWindow, end));
    }

    [Fact]
    public void Record_AfterWholeWindowPasses_ClearsEveryBucket()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0, status: 500), null);

        counters.Record(TestEvents.Get(TestEvents.T0.AddMinutes(11)), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(0, counters.Sum(CounterKind.ServerErrors, FullWindow, end));
        Assert.Equal(1, counters.Sum(CounterKind.Requests, FullWindow, end));
    }

    [Fact]
    public void Record_EventOlderThanWindow_CountsInTotalsButNotWindows()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0.AddMinutes(30)), null);

        counters.Record(TestEvents.Get(TestEvents.T0, path: "/old", status: 404), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(2, counters.State.TotalEvents);
        Assert.Equal(0, counters.Sum(CounterKind.NotFound, FullWindow, end));
        Assert.Contains(counters.Breakdown(), share => share.Endpoint == "GET /old" && share.Events == 1);
        Assert.Equal(TestEvents.T0, counters.State.FirstSeen);
        Assert.Equal(TestEvents.T0.AddMinutes(30), counters.State.LastSeen);
    }

    [Fact]
    public void Record_OutOfOrderEventInsideWindow_CountsInItsBucket()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0.AddMinutes(5)), null);

        counters.Record(TestEvents.Get(TestEvents.T0.AddMinutes(1), status: 404), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(0, counters.Sum(CounterKind.NotFound, Minute, end));
        Assert.Equal(1, counters.Sum(CounterKind.NotFound, FullWindow, end));
    }

    [Theory]
    [InlineData(401, RequestTraits.LoginEndpoint, (int)CounterKind.LoginFailures)]
    [InlineData(403, RequestTraits.None, (int)CounterKind.AuthFailures)]
    [InlineData(418, RequestTraits.None, (int)CounterKind.OtherClientErrors)]
    [InlineData(429, RequestTraits.None, (int)CounterKind.RateLimited)]
    [InlineData(503, RequestTraits.None, (int)CounterKind.ServerErrors)]
    [InlineData(200, RequestTraits.SqlInjection, (int)CounterKind.Injections)]
    [InlineData(200, RequestTraits.PathTraversal, (int)CounterKind.Injections)]
    [InlineData(200, RequestTraits.SensitivePath, (int)CounterKind.SensitivePaths)]
    [InlineData(200, RequestTraits.StaticAsset, (int)CounterKind.StaticAssets)]
    [InlineData(200, RequestTraits.DoubleEncoded, (int)CounterKind.EncodedEvasions)]
    [InlineData(200, RequestTraits.MalformedRequest, (int)CounterKind.MalformedRequests)]
    [InlineData(414, RequestTraits.ExploitSignature, (int)CounterKind.ExploitSignatures)]
    [InlineData(200, RequestTraits.UnusualRequestLine, (int)CounterKind.UnusualRequestLines)]
    public void Record_EventWithStatusAndTraits_CountsItsKind(int status, RequestTraits traits, int kind)
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, status: status, traits: traits), null);

        Assert.Equal(1, counters.Sum((CounterKind)kind, Minute, counters.State.NewestBucket));
    }

    [Fact]
    public void Record_UnusualRequestLine_IsNotMalformed()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, traits: RequestTraits.UnusualRequestLine), null);

        Assert.Equal(0, counters.Sum(CounterKind.MalformedRequests, Minute, counters.State.NewestBucket));
    }

    [Theory]
    [InlineData("POST", 200, RequestTraits.LoginEndpoint, 1)]
    [InlineData("POST", 302, RequestTraits.LoginEndpoint, 1)]
    [InlineData("POST", 401, RequestTraits.LoginEndpoint, 1)]
    [InlineData("GET", 200, RequestTraits.LoginEndpoint, 0)]
    [InlineData("POST", 200, RequestTraits.None, 0)]
    public void Record_LoginPost_CountsWhateverTheAnswer(string method, int status, RequestTraits traits, int expected)
    {
        var counters = Create();
        var evt = TestEvents.Get(TestEvents.T0, path: "/login", status: status, traits: traits, method: method);

        counters.Record(evt, null);

        Assert.Equal(expected, counters.Sum(CounterKind.LoginPosts, Minute, counters.State.NewestBucket));
    }

    [Fact]
    public void Record_429_IsNotAnOtherClientError()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, status: 429), null);

        Assert.Equal(0, counters.Sum(CounterKind.OtherClientErrors, Minute, counters.State.NewestBucket));
    }

    [Fact]
    public void Record_DistinctEndpointsAgentsAndPeers_CountsEachOnce()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a", userId: "alice"), "alice");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a", userId: "bob", userAgent: "curl/8"), "bob");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/b", userId: "alice"), "alice");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/x.js", traits: RequestTraits.StaticAsset), null);
        var snapshot = counters.Snapshot(Minute, counters.State.NewestBucket);

        Assert.Equal(2, snapshot.DistinctEndpoints);
        Assert.Equal(2, snapshot.DistinctUserAgents);
        Assert.Equal(2, snapshot.DistinctPeers);
        Assert.Equal(["alice", "bob"], counters.State.PeerSample);
    }

    [Fact]
    public void Record_MoreDistinctItemsThanCapacity_StopsCountAtCapacity()
    {
        var counters = Create(new CounterOptions { DistinctCapacity = 8 });

        for (var i = 0; i < 20; i++)
        {
            counters.Record(TestEvents.Get(TestEvents.T0, path: "/p" + i), null);
        }

        Assert.Equal(8, counters.Snapshot(Minute, counters.State.NewestBucket).DistinctEndpoints);
        Assert.Equal(8, counters.State.Endpoints.Hashes.Length);
    }

    [Fact]
    public void Record_MorePeersThanSampleSize_KeepsMostRecentFirst()
    {
        var counters = Create(new CounterOptions { PeerSampleSize = 2 });

        counters.Record(TestEvents.Get(TestEvents.T0), "u1");
        counters.Record(TestEvents.Get(TestEvents.T0), "u2");
        counters.Record(TestEvents.Get(TestEvents.T0), "u3");

        Assert.Equal(["u3", "u2"], counters.State.PeerSample);
    }

    [Fact]
    public void Breakdown_TableFull_PutsNewEndpointsInOtherWithShares()
    {
        var counters = Create(new CounterOptions { EndpointCapacity = 1 });
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a"), null);
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a"), null);
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/a"), null);

        counters.Record(TestEvents.Get(TestEvents.T0, path: "/b"), null);
        var breakdown = counters.Breakdown();

        Assert.Equal(2, breakdown.Count);
        Assert.Equal(("GET /a", 3L, 0.75), (breakdown[0].Endpoint, breakdown[0].Events, breakdown[0].Share));
        Assert.Equal(("other", 1L, 0.25), (breakdown[1].Endpoint, breakdown[1].Events, breakdown[1].Share));
    }

    [Fact]
    public void Record_PlainRequests_HoldOneRowAndRowsAgeOut()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        counters.Record(TestEvents.Get(TestEvents.T0), null);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(1)), null);
        Assert.Equal(options.BucketCount, counters.State.NarrowBuckets.Length);

        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(2), status: 404), null);
        Assert.Equal(2 * options.BucketCount, counters.State.NarrowBuckets.Length);

        // Plain requests every 100 s for two window lengths: the 404 ages out and its row is dropped.
        for (var step = 1; step <= 12; step++)
        {
            counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(2 + (100 * step))), null);
        }

        Assert.Equal(options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Equal(0, counters.Sum(CounterKind.NotFound, FullWindow, counters.State.NewestBucket));

        // After a silence longer than the window no row is kept but the one the next event needs.
        var later = TestEvents.T0 + options.Window + options.Window + options.Window;
        counters.Record(TestEvents.Get(later), null);
        Assert.Equal(options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Equal(1, counters.Sum(CounterKind.Requests, FullWindow, counters.State.NewestBucket));
        Assert.Equal(0, counters.Sum(CounterKind.NotFound, FullWindow, counters.State.NewestBucket));
    }

    [Fact]
    public void Record_EventsOfNewKinds_PutEachCountInItsOwnRowAcrossReshapes()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        const RequestTraits Scan = RequestTraits.SensitivePath | RequestTraits.ScannerAgent;

        counters.Record(TestEvents.Get(TestEvents.T0, status: 404, traits: Scan), null);
        Assert.Equal(4 * options.BucketCount, counters.State.NarrowBuckets.Length);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(1), status: 401), null);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(2), status: 404), null);

        var end = counters.State.NewestBucket;
        Assert.Equal(5 * options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Equal(
            (3L, 1L, 2L, 1L, 1L, 0L),
            (counters.Sum(CounterKind.Requests, FullWindow, end),
                counters.Sum(CounterKind.AuthFailures, FullWindow, end),
                counters.Sum(CounterKind.NotFound, FullWindow, end),
                counters.Sum(CounterKind.SensitivePaths, FullWindow, end),
                counters.Sum(CounterKind.ScannerAgents, FullWindow, end),
                counters.Sum(CounterKind.ServerErrors, FullWindow, end)));

        // After a silence longer than the window the ring holds the rows of the next event's kinds only.
        counters.Record(TestEvents.Get(TestEvents.T0 + (3 * options.Window), status: 500), null);

        end = counters.State.NewestBucket;
        Assert.Equal(2 * options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Equal(
            (1L, 0L, 0L, 1L),
            (counters.Sum(CounterKind.Requests, FullWindow, end), counters.Sum(CounterKind.NotFound, FullWindow, end),
                counters.Sum(CounterKind.ScannerAgents, FullWindow, end),
                counters.Sum(CounterKind.ServerErrors, FullWindow, end)));
    }

    [Fact]
    public void Record_SubjectSeenLessThanOnceAWindow_CountsInTheRingItAlreadyHas()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        counters.Record(TestEvents.Get(TestEvents.T0, status: 404), null);
        var ring = counters.State.NarrowBuckets;

        counters.Record(TestEvents.Get(TestEvents.T0 + options.Window + Minute, status: 404), null);

        Assert.Same(ring, counters.State.NarrowBuckets);
        Assert.Equal(1, counters.Sum(CounterKind.NotFound, FullWindow, counters.State.NewestBucket));
        Assert.Equal(1, counters.Sum(CounterKind.Requests, FullWindow, counters.State.NewestBucket));
    }

    [Fact]
    public void Record_CountPassingTwoBytes_WidensTheRingAndKeepsEveryCount()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        var evt = TestEvents.Get(TestEvents.T0, status: 404);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(-30)), null);
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            counters.Record(evt, null);
        }

        Assert.Equal(2 * options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Empty(counters.State.Buckets);

        counters.Record(evt, null);
        counters.Record(evt, null);

        Assert.Empty(counters.State.NarrowBuckets);
        Assert.Equal(2 * options.BucketCount, counters.State.Buckets.Length);
        var bucket = counters.State.NewestBucket;
        Assert.Equal(ushort.MaxValue + 2, counters.Sum(CounterKind.NotFound, TimeSpan.FromSeconds(10), bucket));
        Assert.Equal(ushort.MaxValue + 3, counters.Sum(CounterKind.Requests, FullWindow, bucket));
    }

    [Fact]
    public void Record_WideRingAfterItsCountsAgeOut_GoesBackToTwoBytes()
    {
        var options = new CounterOptions();
        var counters = new SubjectCounters(options, new CounterState());
        for (var i = 0; i <= ushort.MaxValue; i++)
        {
            counters.Record(TestEvents.Get(TestEvents.T0), null);
        }

        Assert.NotEmpty(counters.State.Buckets);
        var later = TestEvents.T0 + options.Window + options.Window;
        counters.Record(TestEvents.Get(later, status: 404), null);

        Assert.Empty(counters.State.Buckets);
        Assert.Equal(2 * options.BucketCount, counters.State.NarrowBuckets.Length);
        Assert.Equal(1, counters.Sum(CounterKind.NotFound, FullWindow, counters.State.NewestBucket));
        Assert.Equal(ushort.MaxValue + 2, counters.State.TotalEvents);
    }

    [Fact]
    public void Record_PeersOfFailedLogins_KeptApartFromOtherPeers()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, userId: "alice"), "alice");
        counters.Record(TestEvents.Get(TestEvents.T0, path: "/api", status: 401, userId: "bob"), "bob");
        counters.Record(TestEvents.FailedLogin(TestEvents.T0, userId: "carol"), "carol");
        counters.Record(TestEvents.FailedLogin(TestEvents.T0, userId: "carol"), "carol");
        counters.Record(TestEvents.FailedLogin(TestEvents.T0), null);
        var end = counters.State.NewestBucket;

        Assert.Equal(3, counters.CountDistinct(counters.State.Peers, Minute, end));
        Assert.Equal(1, counters.CountDistinct(counters.State.LoginFailurePeers, Minute, end));
    }

    [Fact]
    public void Record_NoFailedLogin_CreatesNoLoginFailurePeers()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0, userId: "alice"), "alice");

        Assert.Null(counters.State.LoginFailurePeers);
    }

    [Fact]
    public void Record_PeerAlreadySampled_KeepsTheStringItStored()
    {
        var counters = Create();
        var first = new string("user-1".AsSpan());
        counters.Record(TestEvents.Get(TestEvents.T0), first);
        counters.Record(TestEvents.Get(TestEvents.T0), "user-2");

        counters.Record(TestEvents.Get(TestEvents.T0), new string("user-1".AsSpan()));

        Assert.Equal(["user-1", "user-2"], counters.State.PeerSample);
        Assert.Same(first, counters.State.PeerSample![0]);
    }

    [Fact]
    public void Record_NoPeer_CreatesNoPeerSetOrSample()
    {
        var counters = Create();

        counters.Record(TestEvents.Get(TestEvents.T0), null);
        counters.Record(TestEvents.Get(TestEvents.T0.AddSeconds(1)), null);

        Assert.Null(counters.State.Peers);
        Assert.Null(counters.State.PeerSample);
        Assert.Equal(0, counters.Snapshot(TimeSpan.FromMinutes(1), counters.BucketOf(TestEvents.T0)).DistinctPeers);
    }

    [Fact]
    public void Record_FirstPeer_CreatesTheSetAndSample()
    {
        var counters = Create();
        counters.Record(TestEvents.Get(TestEvents.T0), null);

        counters.Record(TestEvents.Get(TestEvents.T0), "user-1");

        Assert.Equal(["user-1"], counters.State.PeerSample);
        Assert.Equal(1, counters.Snapshot(TimeSpan.FromMinutes(1), counters.BucketOf(TestEvents.T0)).DistinctPeers);
    }

    [Fact]
    public void Record_NewEndpoints_GrowTheTableFromOneByDoubling()
    {
        var counters = Create();
        var capacities = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            counters.Record(TestEvents.Get(TestEvents.T0, path: "/items/a" + i), null);
            capacities.Add(counters.State.EndpointTotals.Capacity);
        }

        Assert.Equal([1, 2, 4, 4, 8], capacities);
        Assert.Equal(5, counters.State.EndpointTotals.Count);
    }

    [Fact]
    public void Record_DistinctItems_GrowTheSetByDoublingUpToCapacity()
    {
        var counters = Create(new CounterOptions { DistinctCapacity = 12 });
        var lengths = new List<int>();

        for (var i = 0; i < 14; i++)
        {
            counters.Record(TestEvents.Get(TestEvents.T0, path: "/p" + i), null);
            lengths.Add(counters.State.Endpoints.Hashes.Length);
        }

        Assert.Equal([1, 2, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12, 12, 12], lengths);
        Assert.Equal(12, counters.Snapshot(Minute, counters.State.NewestBucket).DistinctEndpoints);
    }

    [Fact]
    public void Touch_ItemWhoseHashIsZero_IsNotMistakenForAnEmptySlot()
    {
        var set = new DistinctSetState();
        set.Touch(7, 10, capacity: 8);
        set.Touch(8, 10, capacity: 8);
        set.Touch(9, 10, capacity: 8);

        set.Touch(0, 11, capacity: 8);
        set.Touch(0, 12, capacity: 8);

        Assert.Equal(4, set.CountBetween(10, 12));
        Assert.Equal(1, set.CountBetween(12, 12));
    }
}
