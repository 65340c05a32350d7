using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Subjects;

namespace Kwaf.Grains.Policy;

/// <summary>
/// Turns a subject's counters into signal points after each event. A detector is evaluated only for an event that
/// adds to what it measures; its instantaneous points replace the signal's peak when they exceed the decayed peak,
/// so points decay between hits and jump back up with new evidence. Immutable after construction; safe to share.
/// </summary>
internal sealed class SignalEvaluator
{
    private const int EvidenceLength = 200;

    private const RequestTraits InjectionTraits = RequestTraits.SqlInjection | RequestTraits.CrossSiteScripting
        | RequestTraits.CommandInjection | RequestTraits.PathTraversal;

    private const RequestTraits EvasionTraits =
        RequestTraits.DoubleEncoded | RequestTraits.EvasionShape | RequestTraits.InvalidEncoding;

    private readonly DetectorOptions[] _detectors;
    private readonly ScoreDecay _decay;

    public SignalEvaluator(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _detectors = [.. Enumerable.Range(0, SignalNames.Count)
            .Select(index => SignalNames.OptionsOf(options.Detectors, (SignalKind)index))];
        _decay = new ScoreDecay(options.HalfLife);
    }

    /// <summary>Re-evaluates the detectors that <paramref name="evt"/> feeds, at the newest event time.</summary>
    /// <param name="counters">The counters, already updated with the event.</param>
    /// <param name="evt">The event.</param>
    /// <param name="peer">The event's peer, or null.</param>
    /// <param name="kind">The subject's kind.</param>
    /// <param name="signals">The signal states, indexed by <see cref="SignalKind"/>; null where a detector never
    /// fired, and created when it first does. Empty until then.</param>
    public void Evaluate(
        SubjectCounters counters,
        HttpEvent evt,
        string? peer,
        SubjectKind kind,
        List<SignalState?> signals)
    {
        var now = counters.State.LastSeen;
        var endBucket = counters.State.NewestBucket;
        for (var index = 0; index < SignalNames.Count; index++)
        {
            var signal = (SignalKind)index;
            var detector = _detectors[index];
            if (!Feeds(signal, evt, peer, kind) || !detector.Enabled)
            {
                continue;
            }

            var count = Measure(signal, detector, counters, endBucket);
            var points = PointsFor(detector, count);
            if (points <= 0)
            {
                continue;
            }

            if (signals.Count <= index)
            {
                // Room up to this detector only: most subjects that score at all fire one or two detectors, and a
                // slot for each of the others would be most of their signal memory.
                signals.Capacity = index + 1;
                while (signals.Count <= index)
                {
                    signals.Add(null);
                }
            }

            var state = signals[index] ??= new SignalState();
            state.Count = count;
            state.LastSeen = now;
            state.Evidence = Truncate(EvidenceOf(signal, evt, peer, counters));
            if (points > _decay.PointsAt(state, now))
            {
                state.PeakPoints = points;
                state.PeakTime = now;
            }
        }
    }

    /// <summary>Points a detector scores for a count: 0 below the threshold, else proportional and capped.</summary>
    /// <param name="detector">The detector's settings.</param>
    /// <param name="count">The measured count.</param>
    /// <returns>The points.</returns>
    public static double PointsFor(DetectorOptions detector, long count) => count < detector.Threshold
        ? 0
        : Math.Min(detector.MaxPoints, detector.Points * count / detector.Threshold);

    private static bool Feeds(SignalKind signal, HttpEvent evt, string? peer, SubjectKind kind)
    {
        var traits = evt.Traits;
        var isStatic = (traits & RequestTraits.StaticAsset) != 0;
        var authFailure = evt.Status is 401 or 403;
        return signal switch
        {
            SignalKind.Probing => evt.Status == 404,
            SignalKind.AuthFailures => authFailure,
            SignalKind.LoginBruteForce => SubjectCounters.IsLoginFailure(evt),
            SignalKind.SensitivePath => (traits & RequestTraits.SensitivePath) != 0,
            SignalKind.ScannerAgent => (traits & RequestTraits.ScannerAgent) != 0,
            SignalKind.MissingAgent => (traits & RequestTraits.MissingAgent) != 0,
            SignalKind.Injection => (traits & InjectionTraits) != 0,
            SignalKind.EncodedEvasion => (traits & EvasionTraits) != 0,
            SignalKind.MalformedRequest => (traits & RequestTraits.MalformedRequest) != 0,
            SignalKind.ExploitSignature => (traits & RequestTraits.ExploitSignature) != 0,
            SignalKind.UnusualRequestLine => (traits & RequestTraits.UnusualRequestLine) != 0,
            SignalKind.LoginAttempts => SubjectCounters.IsLoginAttempt(evt),
            SignalKind.Burst or SignalKind.Crawling or SignalKind.EndpointConcentration => !isStatic,
            SignalKind.CredentialStuffing =>
                kind == SubjectKind.Ip && peer is not null && SubjectCounters.IsLoginFailure(evt),
            SignalKind.AccountSharing => kind == SubjectKind.User && peer is not null,
            _ => false,
        };
    }

    private static long Measure(SignalKind signal, DetectorOptions detector, SubjectCounters counters, long end)
    {
        var window = detector.Window;
        return signal switch
        {
            SignalKind.Probing => counters.Sum(CounterKind.NotFound, window, end),
            SignalKind.AuthFailures => counters.Sum(CounterKind.AuthFailures, window, end),
            SignalKind.LoginBruteForce => counters.Sum(CounterKind.LoginFailures, window, end),
            SignalKind.SensitivePath => counters.Sum(CounterKind.SensitivePaths, window, end),
            SignalKind.ScannerAgent => counters.Sum(CounterKind.ScannerAgents, window, end),
            SignalKind.MissingAgent => counters.Sum(CounterKind.MissingAgents, window, end),
            SignalKind.Injection => counters.Sum(CounterKind.Injections, window, end),
            SignalKind.EncodedEvasion => counters.Sum(CounterKind.EncodedEvasions, window, end),
            SignalKind.MalformedRequest => counters.Sum(CounterKind.MalformedRequests, window, end),
            SignalKind.ExploitSignature => counters.Sum(CounterKind.ExploitSignatures, window, end),
            SignalKind.UnusualRequestLine => counters.Sum(CounterKind.UnusualRequestLines, window, end),
            SignalKind.LoginAttempts => counters.Sum(CounterKind.LoginPosts, window, end),
            SignalKind.Burst => NonStaticRequests(counters, window, end),
            SignalKind.Crawling => counters.CountDistinct(counters.State.Endpoints, window, end),
            SignalKind.CredentialStuffing => counters.CountDistinct(counters.State.LoginFailurePeers, window, end),
            SignalKind.AccountSharing => counters.CountDistinct(counters.State.Peers, window, end),
            SignalKind.EndpointConcentration => ConcentratedRequests(detector, counters, end),
            _ => 0,
        };
    }

    private static long NonStaticRequests(SubjectCounters counters, TimeSpan window, long end) =>
        counters.Sum(CounterKind.Requests, window, end) - counters.Sum(CounterKind.StaticAssets, window, end);

    // Known limit: the share is taken from the per-endpoint totals since first seen, not from the window, because the
    // counters keep no per-endpoint windows. A subject with a long varied history that starts hammering one endpoint
    // reaches the share later than a window-only measure would.
    private static long ConcentratedRequests(DetectorOptions detector, SubjectCounters counters, long end)
    {
        var top = counters.TopNonStaticEndpoint();
        var nonStatic = counters.State.NonStaticEvents;
        if (top is null || nonStatic == 0 || (double)top.Events / nonStatic < detector.MinShare)
        {
            return 0;
        }

        return NonStaticRequests(counters, detector.Window, end);
    }

    private static string? EvidenceOf(SignalKind signal, HttpEvent evt, string? peer, SubjectCounters counters) =>
        signal switch
        {
            SignalKind.ScannerAgent => evt.UserAgent,
            SignalKind.MissingAgent => null,
            SignalKind.AuthFailures or SignalKind.LoginBruteForce or SignalKind.Burst => evt.Endpoint,
            SignalKind.LoginAttempts => evt.Endpoint,
            SignalKind.Crawling => evt.Endpoint,
            SignalKind.CredentialStuffing or SignalKind.AccountSharing => peer,
            SignalKind.EndpointConcentration => counters.TopNonStaticEndpoint()?.Endpoint,
            _ => evt.RawTarget,
        };

    private static string? Truncate(string? text) =>
        text is null || text.Length <= EvidenceLength ? text : text[..EvidenceLength];
}
