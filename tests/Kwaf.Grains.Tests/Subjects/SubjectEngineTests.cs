using System.Text.Json;
using Kwaf.Decisions;
using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Subjects;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Grains.Tests.Subjects;

public sealed class SubjectEngineTests
{
    private const string Ip = "198.51.100.23";

    private static SubjectPolicy Policy(Action<PolicyOptions>? configure = null)
    {
        var options = new PolicyOptions();
        configure?.Invoke(options);
        return new SubjectPolicy(new CounterOptions(), options);
    }

    // C-11 test settings: 5 failed logins in 60 s block the client for 600 s.
    private static SubjectPolicy C11Policy() => Policy(options =>
    {
        options.Detectors.LoginBruteForce.Threshold = 5;
        options.BlockDurations = [TimeSpan.FromSeconds(600)];
    });

    private static SubjectEngine Engine(SubjectPolicy policy, SubjectState? state = null, string ip = Ip) =>
        new(SubjectKey.ForIp(ip), state ?? new SubjectState(), policy);

    private static List<HttpEvent> MixedTraffic() => TestEvents.Series(
        90,
        TimeSpan.FromSeconds(7),
        (i, t) => (i % 3) switch
        {
            0 => TestEvents.FailedLogin(t, Ip, "user" + (i % 7)),
            1 => TestEvents.Get(t, Ip, path: "/probe" + i, status: 404),
            _ => TestEvents.Get(t, Ip, path: "/.git/config", traits: RequestTraits.SensitivePath, userAgent: null),
        });

    [Fact]
    public void RatingAt_NeverSeen_ReturnsNull()
    {
        var engine = Engine(Policy());

        var rating = engine.RatingAt(null);

        Assert.Null(rating);
    }

    [Fact]
    public void Ingest_SameEventsInOneOrManyBatches_GivesIdenticalRating()
    {
        var events = MixedTraffic();
        var oneBatch = Engine(Policy());
        var manyBatches = Engine(Policy());

        oneBatch.Ingest(events);
        foreach (var chunk in events.Chunk(7))
        {
            manyBatches.Ingest(chunk);
        }

        var asOf = TestEvents.T0.AddHours(1);
        Assert.Equal(
            JsonSerializer.Serialize(oneBatch.RatingAt(asOf)),
            JsonSerializer.Serialize(manyBatches.RatingAt(asOf)));
        Assert.Equal(
            JsonSerializer.Serialize(oneBatch.State),
            JsonSerializer.Serialize(manyBatches.State));
    }

    [Fact]
    public void Ingest_FifthFailedLogin_BlocksWithAbsoluteExpiry()
    {
        var engine = Engine(C11Policy());
        var start = new DateTimeOffset(2025, 3, 10, 12, 29, 56, TimeSpan.Zero);
        var logins = TestEvents.Series(
            5,
            TimeSpan.FromSeconds(1),
            (i, _) => TestEvents.FailedLogin(start.AddSeconds(i), Ip));

        var result = engine.Ingest(logins);

        var block = Assert.Single(result.Decisions);
        Assert.Equal(DecisionKind.Block, block.Kind);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 30, 0, TimeSpan.Zero), block.DecidedAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 40, 0, TimeSpan.Zero), block.Expires);
        Assert.StartsWith("login-brute-force (", block.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RatingAt_AfterStateRoundTripsThroughJson_KeepsExpiryAndDropsExpiredBlock()
    {
        // C-11: the expiry is an absolute instant that survives a restart, and an expired block is not active.
        var engine = Engine(C11Policy());
        var start = new DateTimeOffset(2025, 3, 10, 12, 29, 56, TimeSpan.Zero);
        engine.Ingest(
            TestEvents.Series(5, TimeSpan.FromSeconds(1), (i, _) => TestEvents.FailedLogin(start.AddSeconds(i), Ip)));
        var json = JsonSerializer.Serialize(engine.State);

        var restored = Engine(C11Policy(), JsonSerializer.Deserialize<SubjectState>(json));
        var before = restored.RatingAt(new DateTimeOffset(2025, 3, 10, 12, 39, 59, TimeSpan.Zero))!;
        var after = restored.RatingAt(new DateTimeOffset(2025, 3, 10, 12, 40, 1, TimeSpan.Zero))!;

        var expiry = new DateTimeOffset(2025, 3, 10, 12, 40, 0, TimeSpan.Zero);
        Assert.Equal(expiry, before.Decision?.Expires);
        Assert.Null(after.Decision);
        Assert.Equal(expiry, after.LastDecision?.Expires);
        Assert.Equal(5, after.TotalEvents);
    }

    [Fact]
    public void Ingest_KnockingWhileBlocked_KeepsOriginalExpiry()
    {
        var engine = Engine(C11Policy());
        var logins = TestEvents.Series(40, TimeSpan.FromSeconds(1), (_, t) => TestEvents.FailedLogin(t, Ip));

        var result = engine.Ingest(logins);

        var block = Assert.Single(result.Decisions);
        Assert.Equal(TestEvents.T0.AddSeconds(4).AddMinutes(10), engine.RatingAt(null)!.Decision!.Expires);
        Assert.Same(block, engine.State.Decisions.LastDecision);
    }

    [Fact]
    public void Ingest_AllowlistedIp_IsCountedButNoRuleScoresIt()
    {
        var engine = Engine(Policy(options => options.Allowlist = ["198.51.100.0/24"]));
        var logins = TestEvents.Series(30, TimeSpan.FromSeconds(1), (_, t) => TestEvents.FailedLogin(t, Ip));

        var result = engine.Ingest(logins);

        var rating = engine.RatingAt(null)!;
        Assert.Empty(result.Decisions);
        Assert.True(rating.Allowlisted);
        Assert.Equal(30, rating.TotalEvents);
        Assert.Equal(0, rating.Score);
        Assert.Equal(RiskLevel.Ok, rating.Level);
        Assert.Empty(rating.Signals);
        Assert.Null(rating.Decision);
        Assert.Null(rating.LastDecision);
    }

    [Fact]
    public void Ingest_EventsOfAnotherSubject_AreSkipped()
    {
        var engine = Engine(Policy());

        var result = engine.Ingest([TestEvents.Get(TestEvents.T0, "192.0.2.1"), TestEvents.Get(TestEvents.T0, Ip)]);

        Assert.Equal(1, result.Skipped);
        Assert.Equal(1, engine.RatingAt(null)!.TotalEvents);
    }

    [Fact]
    public void Ingest_LevelChanges_ReportsLatestIndexEntryOnlyOnChange()
    {
        var engine = Engine(C11Policy());
        var quiet = engine.Ingest([TestEvents.Get(TestEvents.T0, Ip)]);

        var step = TimeSpan.FromSeconds(1);
        var logins = TestEvents.Series(5, step, (_, t) => TestEvents.FailedLogin(t.AddSeconds(1), Ip));
        var attack = engine.Ingest(logins);

        Assert.Null(quiet.IndexEntry);
        Assert.NotNull(attack.IndexEntry);
        Assert.Equal((RiskLevel.Critical, DecisionKind.Block), (attack.IndexEntry.Level, attack.IndexEntry.Decision));
        Assert.Equal(("ip", Ip), (attack.IndexEntry.Kind, attack.IndexEntry.Id));
    }

    [Fact]
    public void RatingAt_LaterInstant_DecaysScoreAndReportsWindows()
    {
        var engine = Engine(C11Policy());
        engine.Ingest(TestEvents.Series(5, TimeSpan.Zero, (_, t) => TestEvents.FailedLogin(t, Ip, "alice")));
        var atPeak = engine.RatingAt(null)!;

        var later = engine.RatingAt(TestEvents.T0.AddMinutes(10))!;

        Assert.Equal(80, atPeak.Score);
        Assert.Equal(40, later.Score);
        Assert.Equal(RiskLevel.Suspicious, later.Level);
        Assert.Equal(TestEvents.T0.AddMinutes(10), later.AsOf);
        Assert.Equal(5, atPeak.Windows.Single(w => w.Window == TimeSpan.FromMinutes(1)).AuthFailures);
        Assert.Contains(atPeak.Windows, w => w.Window == TimeSpan.FromMinutes(10));
        Assert.Equal(["alice"], atPeak.Peers);
        Assert.Equal("login-brute-force", Assert.Single(atPeak.Signals).Name);
    }

    [Fact]
    public void RatingAt_UserSubject_CountsIpsAsPeers()
    {
        var engine = new SubjectEngine(SubjectKey.ForUser("alice"), new SubjectState(), Policy());
        var events = TestEvents.Series(
            6,
            TimeSpan.FromSeconds(10),
            (i, t) => TestEvents.Get(t, "192.0.2." + (i + 1), "alice"));

        engine.Ingest(events);

        var rating = engine.RatingAt(null)!;
        Assert.Equal("user", rating.Kind);
        Assert.Equal(6, rating.Windows.Single(w => w.Window == TimeSpan.FromMinutes(10)).DistinctPeers);
        Assert.Contains(rating.Signals, s => s.Name == "account-sharing" && s.Count == 6);
    }

    [Fact]
    public void Ingest_UnattributedEventsOnUserSubject_CountWithoutTheProxyAsPeer()
    {
        var engine = new SubjectEngine(SubjectKey.ForUser("bob"), new SubjectState(), Policy());
        var events = TestEvents.Series(
            4,
            TimeSpan.FromSeconds(10),
            (i, t) => i < 3
                ? TestEvents.Get(t, "192.0.2.10", "bob", traits: RequestTraits.Unattributed)
                : TestEvents.Get(t, "203.0.113.5", "bob"));

        engine.Ingest(events);

        var rating = engine.RatingAt(null)!;
        Assert.Equal(4, rating.TotalEvents);
        Assert.Equal(1, rating.Windows.Single(w => w.Window == TimeSpan.FromMinutes(10)).DistinctPeers);
        Assert.Equal(["203.0.113.5"], rating.Peers);
    }

    [Fact]
    public void Ingest_UnattributedEventOnIpSubject_IsSkipped()
    {
        var engine = Engine(C11Policy(), ip: "192.0.2.10");
        var events = TestEvents.Series(
            6,
            TimeSpan.FromSeconds(1),
            (_, t) => TestEvents.Get(t, "192.0.2.10", path: "/login", status: 401, traits: RequestTraits.Unattributed));

        var result = engine.Ingest(events);

        Assert.Equal(6, result.Skipped);
        Assert.Null(engine.RatingAt(null));
    }

    [Fact]
    public void Ingest_FirstSignalOfAQuietSubject_GetsItsSlotAfterEmptyOnesOfLowerDetectors()
    {
        var engine = Engine(Policy());
        engine.Ingest([TestEvents.Get(TestEvents.T0, Ip, path: "/"), TestEvents.Get(TestEvents.T0, Ip, path: "/a")]);
        var quiet = engine.State.Signals.Count;
        var probe = TestEvents.Get(TestEvents.T0.AddSeconds(1), Ip, path: "/.env", traits: RequestTraits.SensitivePath);

        engine.Ingest([probe]);

        Assert.Equal(0, quiet);
        Assert.Equal((int)SignalKind.SensitivePath + 1, engine.State.Signals.Count);
        Assert.Single(engine.State.Signals, s => s is not null);
        Assert.NotNull(engine.State.Signals[(int)SignalKind.SensitivePath]);
        Assert.Contains(engine.RatingAt(null)!.Signals, s => s.Name == "sensitive-path");
    }

    [Fact]
    public void Ingest_HigherDetectorFiresAfterALowerOne_KeepsBothInTheirSlots()
    {
        var engine = Engine(Policy());
        engine.Ingest([TestEvents.Get(TestEvents.T0, Ip, path: "/.env", traits: RequestTraits.SensitivePath)]);
        var scanner = TestEvents.Get(TestEvents.T0.AddSeconds(1), Ip, path: "/", traits: RequestTraits.ScannerAgent);

        engine.Ingest([scanner]);

        Assert.Equal((int)SignalKind.ScannerAgent + 1, engine.State.Signals.Count);
        Assert.NotNull(engine.State.Signals[(int)SignalKind.SensitivePath]);
        Assert.NotNull(engine.State.Signals[(int)SignalKind.ScannerAgent]);
        Assert.Equal(2, engine.State.Signals.Count(s => s is not null));
    }

    [Fact]
    public void Ingest_QuietTraffic_KeepsNoStateForDetectorsThatNeverFired()
    {
        var engine = Engine(Policy());
        var events = TestEvents.Series(
            20,
            TimeSpan.FromSeconds(3),
            (i, t) => TestEvents.Get(t, Ip, path: "/p" + (i % 4)));

        engine.Ingest(events);

        Assert.Empty(engine.State.Signals);
    }

    [Fact]
    public void Create_StateStoredWithAnObjectForEveryDetector_DropsTheEmptyOnesAndKeepsWhatFired()
    {
        var fired = new SignalState { PeakPoints = 40, PeakTime = TestEvents.T0, Count = 6, LastSeen = TestEvents.T0 };
        var stored = new SubjectState();
        for (var i = 0; i < SignalNames.Count - 2; i++)
        {
            stored.Signals.Add(i == (int)SignalKind.Probing ? fired : new SignalState());
        }

        var engine = Engine(Policy(), stored);

        Assert.Same(fired, engine.State.Signals[(int)SignalKind.Probing]);
        Assert.Single(engine.State.Signals, s => s is not null);
    }
}
