using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// The validated options and the policy parts built from them, shared by a subject's engine. Immutable after
/// construction.
/// </summary>
internal sealed class SubjectPolicy
{
    public SubjectPolicy(CounterOptions counters, PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(policy);
        Counters = counters;
        Evaluator = new SignalEvaluator(policy);
        Scorer = new RiskScorer(policy);
        Decisions = new DecisionPolicy(policy);
        Allowlist = new IpAllowlist(policy.Allowlist);
        ReportWindows = CollectWindows(counters, policy);
    }

    public CounterOptions Counters { get; }

    public SignalEvaluator Evaluator { get; }

    public RiskScorer Scorer { get; }

    public DecisionPolicy Decisions { get; }

    public IpAllowlist Allowlist { get; }

    /// <summary>The windows a rating reports: 60 s, each enabled detector's window, the full window.</summary>
    public IReadOnlyList<TimeSpan> ReportWindows { get; }

    private static List<TimeSpan> CollectWindows(CounterOptions counters, PolicyOptions policy)
    {
        var windows = new SortedSet<TimeSpan> { counters.Window };
        if (TimeSpan.FromMinutes(1) <= counters.Window)
        {
            windows.Add(TimeSpan.FromMinutes(1));
        }

        for (var kind = 0; kind < SignalNames.Count; kind++)
        {
            var detector = SignalNames.OptionsOf(policy.Detectors, (SignalKind)kind);
            if (detector.Enabled && detector.Window <= counters.Window)
            {
                windows.Add(detector.Window);
            }
        }

        return [.. windows];
    }
}
