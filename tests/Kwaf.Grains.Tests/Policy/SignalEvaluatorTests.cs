using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Tests.Subjects;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Grains.Tests.Policy;

public sealed class SignalEvaluatorTests
{
    // Signal kinds travel as ints: the enum is internal and theory methods are public.
    public static TheoryData<int> AllSignals()
    {
        var data = new TheoryData<int>();
        foreach (var kind in Enum.GetValues<SignalKind>())
        {
            data.Add((int)kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllSignals))]
    public void Evaluate_CountAtThreshold_ScoresDetectorPoints(int signal)
    {
        var kind = (SignalKind)signal;
        var detector = SignalNames.OptionsOf(new PolicyOptions().Detectors, kind);

        var points = Run(kind, detector.Threshold);

        Assert.Equal(detector.Points, points, 6);
    }

    [Theory]
    [MemberData(nameof(AllSignals))]
    public void Evaluate_CountBelowThreshold_ScoresNothing(int signal)
    {
        var kind = (SignalKind)signal;
        var detector = SignalNames.OptionsOf(new PolicyOptions().Detectors, kind);

        var points = Run(kind, detector.Threshold - 1);

        Assert.Equal(0, points);
    }

    [Fact]
    public void Evaluate_DisabledDetector_ScoresNothing()
    {
        var options = new PolicyOptions();
        options.Detectors.LoginBruteForce.Enabled = false;

        var points = Run(SignalKind.LoginBruteForce, 10, options);

        Assert.Equal(0, points);
    }

    [Fact]
    public void Evaluate_HitsAboveThreshold_ScoreProportionallyUpToMaxPoints()
    {
        var sensitive = new PolicyOptions().Detectors.SensitivePath;

        var two = Run(SignalKind.SensitivePath, 2);
        var five = Run(SignalKind.SensitivePath, 5);

        Assert.Equal(2 * sensitive.Points, two, 6);
        Assert.Equal(sensitive.MaxPoints, five, 6);
    }

    [Fact]
    public void PointsFor_CountTwiceThreshold_DoublesPointsUnderCap()
    {
        var detector = DetectorOptions.Create(TimeSpan.FromMinutes(1), 15, 30, 60);

        var points = SignalEvaluator.PointsFor(detector, 30);

        Assert.Equal(60, points);
    }

    [Fact]
    public void Evaluate_SignalFires_RecordsCountAndEvidence()
    {
        var signals = NewSignals();
        var counters = new SubjectCounters(new CounterOptions(), new CounterState());
        var evaluator = new SignalEvaluator(new PolicyOptions());
        var evt = TestEvents.Get(TestEvents.T0, path: "/.env", traits: RequestTraits.SensitivePath);

        counters.Record(evt, null);
        evaluator.Evaluate(counters, evt, null, SubjectKind.Ip, signals);

        var state = Assert.IsType<SignalState>(signals[(int)SignalKind.SensitivePath]);
        Assert.Equal((1L, "/.env", TestEvents.T0), (state.Count, state.Evidence, state.LastSeen));
    }

    [Fact]
    public void Evaluate_FirstExploitSignature_ScoresHighAndSecondCritical()
    {
        var options = new PolicyOptions();
        var scorer = new RiskScorer(options);
        var exploit = (int i) => TestEvents.Get(
            TestEvents.T0.AddSeconds(i),
            path: "/default.ida",
            traits: RequestTraits.ExploitSignature);

        var first = Replay(options, [exploit(0)]);
        var second = Replay(options, [exploit(0), exploit(1)]);

        var at = TestEvents.T0.AddSeconds(1);
        Assert.Equal(RiskLevel.High, scorer.LevelOf(scorer.ScoreAt(first, at)));
        Assert.Equal(RiskLevel.Critical, scorer.LevelOf(scorer.ScoreAt(second, at)));
    }

    [Fact]
    public void Evaluate_C04UnusualRequestLines_AreTaggedUnusualNotMalformed()
    {
        var options = new PolicyOptions();
        var connect = TestEvents.Get(TestEvents.T0, traits: RequestTraits.UnusualRequestLine, method: "CONNECT");
        var noVersion = TestEvents.Get(TestEvents.T0.AddSeconds(1), traits: RequestTraits.UnusualRequestLine);

        var signals = Replay(options, [connect, noVersion]);

        var reason = new RiskScorer(options).ReasonAt(signals, TestEvents.T0.AddSeconds(1));
        Assert.Equal("unusual-request-line (10)", reason);
        Assert.Equal(2, signals[(int)SignalKind.UnusualRequestLine]!.Count);
        Assert.Equal(0, PeakOf(signals, SignalKind.MalformedRequest));
    }

    [Fact]
    public void Evaluate_MalformedRequestLine_IsNotUnusual()
    {
        var binary = TestEvents.Get(TestEvents.T0, traits: RequestTraits.MalformedRequest, method: "INVALID");

        var signals = Replay(new PolicyOptions(), [binary]);

        Assert.Equal(5, PeakOf(signals, SignalKind.MalformedRequest));
        Assert.Equal(0, PeakOf(signals, SignalKind.UnusualRequestLine));
    }

    [Fact]
    public void Evaluate_OpenProxyAbuse_AddsUpToUnusualRequestLineCap()
    {
        var detector = new PolicyOptions().Detectors.UnusualRequestLine;
        var proxied = TestEvents.Series(
            20,
            TimeSpan.FromSeconds(5),
            (i, t) => TestEvents.Get(
                t,
                traits: RequestTraits.UnusualRequestLine,
                method: i % 2 == 0 ? "GET" : "CONNECT"));

        var signals = Replay(new PolicyOptions(), proxied);

        Assert.Equal(detector.MaxPoints, PeakOf(signals, SignalKind.UnusualRequestLine));
    }

    [Fact]
    public void Evaluate_HumanLoginWithRetriesAndFormViews_ScoresNoLoginAttempts()
    {
        var views = TimeSpan.FromSeconds(20);
        var events = TestEvents.Series(
            10,
            views,
            (_, t) => TestEvents.Get(t, path: "/login", traits: RequestTraits.LoginEndpoint));
        events.AddRange(TestEvents.Series(5, TimeSpan.FromSeconds(20), (_, t) => LoginPost(t.AddMinutes(4), 401)));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(0, PeakOf(signals, SignalKind.LoginAttempts));
    }

    [Theory]
    [InlineData(6, 30)]
    [InlineData(9, 45)]
    [InlineData(12, 60)]
    [InlineData(18, 60)]
    public void Evaluate_LoginPostsWhateverTheAnswer_ScaleToMaxPoints(int posts, double expected)
    {
        var step = TimeSpan.FromSeconds(30);
        var events = TestEvents.Series(posts, step, (i, t) => LoginPost(t, i % 2 == 0 ? 200 : 302));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(expected, PeakOf(signals, SignalKind.LoginAttempts), 6);
    }

    [Fact]
    public void Evaluate_LoginPostsSpreadBeyondWindow_ScoreNothing()
    {
        var events = TestEvents.Series(12, TimeSpan.FromMinutes(2), (_, t) => LoginPost(t, 200));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(0, PeakOf(signals, SignalKind.LoginAttempts));
    }

    [Fact]
    public void Evaluate_SharedAddressWhoseUsersSignInNormally_ScoresNoCredentialStuffing()
    {
        // An office behind one NAT address: 40 people sign in within 10 minutes, one of them after a typo.
        var events = TestEvents.Series(40, TimeSpan.FromSeconds(15), (i, t) => LoginPost(t, 302, "user" + i));
        events.Add(LoginPost(TestEvents.T0.AddMinutes(9), 401, "user7"));
        events.AddRange(TestEvents.Series(40, TimeSpan.FromSeconds(15), (i, t) => TestEvents.Get(
            t.AddSeconds(5), path: "/orders", userId: "user" + i)));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(0, PeakOf(signals, SignalKind.CredentialStuffing));
    }

    [Fact]
    public void Evaluate_SignInsAttributedToTheirUsers_ScoreNoLoginAttempts()
    {
        // The morning sign-ins of an office behind one address: each answer names the user who signed in.
        var events = TestEvents.Series(30, TimeSpan.FromSeconds(15), (i, t) => LoginPost(t, 302, "user" + i));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(0, PeakOf(signals, SignalKind.LoginAttempts));
    }

    [Theory]
    [InlineData(401, "user1")]
    [InlineData(200, null)]
    [InlineData(302, null)]
    public void Evaluate_LoginPostsRefusedOrNamingNoUser_ScoreLoginAttempts(int status, string? userId)
    {
        var detector = new PolicyOptions().Detectors.LoginAttempts;
        var events = TestEvents.Series(
            detector.Threshold,
            TimeSpan.FromSeconds(30),
            (_, t) => LoginPost(t, status, userId));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(detector.Points, PeakOf(signals, SignalKind.LoginAttempts), 6);
    }

    [Fact]
    public void Evaluate_RefusedRequestsOutsideLogin_ScoreNoCredentialStuffing()
    {
        // Ten people behind one address whose sessions expired: their API calls answer 401, their logins succeed.
        var events = TestEvents.Series(10, TimeSpan.FromSeconds(30), (i, t) => TestEvents.Get(
            t, path: "/api/orders", status: 401, userId: "user" + i));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(0, PeakOf(signals, SignalKind.CredentialStuffing));
    }

    [Fact]
    public void Evaluate_FailedLoginsForManyUserIds_ScoreCredentialStuffing()
    {
        var detector = new PolicyOptions().Detectors.CredentialStuffing;
        var events = TestEvents.Series(
            detector.Threshold,
            TimeSpan.FromSeconds(30),
            (i, t) => TestEvents.FailedLogin(t, userId: "victim" + i));

        var signals = Replay(new PolicyOptions(), events);

        Assert.Equal(detector.Points, PeakOf(signals, SignalKind.CredentialStuffing), 6);
    }

    private static HttpEvent LoginPost(DateTimeOffset time, int status, string? userId = null) =>
        TestEvents.Get(
            time,
            userId: userId,
            path: "/join_form",
            status: status,
            traits: RequestTraits.LoginEndpoint,
            method: "POST");

    private static List<SignalState?> Replay(PolicyOptions options, IEnumerable<HttpEvent> events)
    {
        var counters = new SubjectCounters(new CounterOptions(), new CounterState());
        var evaluator = new SignalEvaluator(options);
        var signals = NewSignals();
        foreach (var evt in events)
        {
            counters.Record(evt, evt.UserId);
            evaluator.Evaluate(counters, evt, evt.UserId, SubjectKind.Ip, signals);
        }

        return signals;
    }

    /// <summary>A detector's peak points; 0 for one that never fired (and so has no state).</summary>
    private static double PeakOf(List<SignalState?> signals, SignalKind kind) => signals[(int)kind]?.PeakPoints ?? 0;

    private static List<SignalState?> NewSignals()
    {
        var signals = new List<SignalState?>();
        for (var i = 0; i < SignalNames.Count; i++)
        {
            signals.Add(null);
        }

        return signals;
    }

    private static double Run(SignalKind kind, int relevantEvents, PolicyOptions? options = null)
    {
        var policy = options ?? new PolicyOptions();
        var subject = kind == SignalKind.AccountSharing ? SubjectKind.User : SubjectKind.Ip;
        var counters = new SubjectCounters(new CounterOptions(), new CounterState());
        var evaluator = new SignalEvaluator(policy);
        var signals = NewSignals();
        // A static asset request that feeds no detector, so that "below threshold" also sees an unrelated event.
        var events = new List<HttpEvent>
        {
            TestEvents.Get(TestEvents.T0, path: "/logo.png", traits: RequestTraits.StaticAsset),
        };
        for (var i = 0; i < relevantEvents; i++)
        {
            events.Add(EventFor(kind, i));
        }

        foreach (var evt in events)
        {
            var peer = subject == SubjectKind.Ip ? evt.UserId : evt.Ip;
            counters.Record(evt, peer);
            evaluator.Evaluate(counters, evt, peer, subject, signals);
        }

        return PeakOf(signals, kind);
    }

    private static HttpEvent EventFor(SignalKind kind, int i)
    {
        var t = TestEvents.T0.AddSeconds(i * 0.5);
        return kind switch
        {
            SignalKind.Probing => TestEvents.Get(t, path: "/p" + i, status: 404),
            SignalKind.AuthFailures => TestEvents.Get(t, path: "/api/orders", status: 403),
            SignalKind.LoginBruteForce => TestEvents.FailedLogin(t),
            SignalKind.SensitivePath => TestEvents.Get(t, path: "/.env", traits: RequestTraits.SensitivePath),
            SignalKind.ScannerAgent => TestEvents.Get(t, traits: RequestTraits.ScannerAgent, userAgent: "sqlmap/1.7"),
            SignalKind.MissingAgent => TestEvents.Get(t, traits: RequestTraits.MissingAgent, userAgent: null),
            SignalKind.Injection => TestEvents.Get(t, path: "/q", traits: RequestTraits.SqlInjection),
            SignalKind.EncodedEvasion => TestEvents.Get(t, path: "/%252e", traits: RequestTraits.DoubleEncoded),
            SignalKind.MalformedRequest => TestEvents.Get(t, traits: RequestTraits.MalformedRequest),
            SignalKind.Burst => TestEvents.Get(TestEvents.T0, path: "/home"),
            SignalKind.Crawling => TestEvents.Get(t, path: "/c" + i),
            SignalKind.CredentialStuffing => TestEvents.FailedLogin(t, userId: "user" + i),
            SignalKind.AccountSharing =>
                TestEvents.Get(t, ip: i == 0 ? "203.0.113.9" : "198.51.100." + i, userId: "alice"),
            SignalKind.EndpointConcentration => TestEvents.Get(t, path: "/home"),
            SignalKind.ExploitSignature => TestEvents.Get(t, path: "/x.ida", traits: RequestTraits.ExploitSignature),
            SignalKind.UnusualRequestLine => TestEvents.Get(t, traits: RequestTraits.UnusualRequestLine),
            SignalKind.LoginAttempts => LoginPost(t, 302),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
