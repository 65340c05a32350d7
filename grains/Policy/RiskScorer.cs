using System.Globalization;
using System.Text;
using Kwaf.Ratings;

namespace Kwaf.Grains.Policy;

/// <summary>
/// Sums decayed signal points into a 0-100 score, bands it into a level, and explains it. Immutable after
/// construction; safe to share.
/// </summary>
internal sealed class RiskScorer
{
    /// <summary>Signals at or below this many points are not reported.</summary>
    public const double ReportFloor = 0.5;

    private const int ReasonSignals = 3;

    private readonly PolicyOptions _options;
    private readonly ScoreDecay _decay;

    public RiskScorer(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _decay = new ScoreDecay(options.HalfLife);
    }

    /// <summary>The score at <paramref name="at"/>: the sum of decayed points, capped at 100.</summary>
    /// <param name="signals">The signal states.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The score.</returns>
    public double ScoreAt(IReadOnlyList<SignalState?> signals, DateTimeOffset at)
    {
        double sum = 0;
        for (var i = 0; i < signals.Count; i++)
        {
            sum += _decay.PointsAt(signals[i], at);
        }

        return Math.Min(100, sum);
    }

    /// <summary>The level a score falls in.</summary>
    /// <param name="score">The score.</param>
    /// <returns>The level.</returns>
    public RiskLevel LevelOf(double score) => score >= _options.CriticalScore ? RiskLevel.Critical
        : score >= _options.HighScore ? RiskLevel.High
        : score >= _options.SuspiciousScore ? RiskLevel.Suspicious
        : RiskLevel.Ok;

    /// <summary>Signals above <see cref="ReportFloor"/> at <paramref name="at"/>, strongest first.</summary>
    /// <param name="signals">The signal states, indexed by <see cref="SignalKind"/>.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The reports.</returns>
    public List<SignalReport> ReportsAt(IReadOnlyList<SignalState?> signals, DateTimeOffset at)
    {
        var reports = new List<SignalReport>();
        for (var i = 0; i < signals.Count; i++)
        {
            var state = signals[i];
            var points = _decay.PointsAt(state, at);
            if (state is not null && points > ReportFloor)
            {
                var name = SignalNames.Of((SignalKind)i);
                reports.Add(new SignalReport(name, Math.Round(points, 2), state.Count, state.LastSeen, state.Evidence));
            }
        }

        reports.Sort(static (a, b) => b.Points.CompareTo(a.Points));
        return reports;
    }

    /// <summary>A reason such as <c>login-brute-force (80), probing (30)</c> from the strongest signals.</summary>
    /// <param name="signals">The signal states.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The reason.</returns>
    public string ReasonAt(IReadOnlyList<SignalState?> signals, DateTimeOffset at)
    {
        var reports = ReportsAt(signals, at);
        var reason = new StringBuilder();
        for (var i = 0; i < reports.Count && i < ReasonSignals; i++)
        {
            if (i > 0)
            {
                reason.Append(", ");
            }

            reason.Append(reports[i].Name).Append(" (")
                .Append(Math.Round(reports[i].Points).ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        return reason.ToString();
    }
}
