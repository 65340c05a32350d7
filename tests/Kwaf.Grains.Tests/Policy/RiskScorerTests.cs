using Kwaf.Grains.Policy;
using Kwaf.Ratings;

namespace Kwaf.Grains.Tests.Policy;

public sealed class RiskScorerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, RiskLevel.Ok)]
    [InlineData(29.99, RiskLevel.Ok)]
    [InlineData(30, RiskLevel.Suspicious)]
    [InlineData(59.99, RiskLevel.Suspicious)]
    [InlineData(60, RiskLevel.High)]
    [InlineData(79.99, RiskLevel.High)]
    [InlineData(80, RiskLevel.Critical)]
    [InlineData(100, RiskLevel.Critical)]
    public void LevelOf_Score_ReturnsDefaultBand(double score, RiskLevel expected)
    {
        var scorer = new RiskScorer(new PolicyOptions());

        var level = scorer.LevelOf(score);

        Assert.Equal(expected, level);
    }

    [Fact]
    public void ScoreAt_SignalsAboveHundred_CapsAtHundred()
    {
        var scorer = new RiskScorer(new PolicyOptions());
        var signals = Signals((SignalKind.LoginBruteForce, 80), (SignalKind.Probing, 60));

        var score = scorer.ScoreAt(signals, Now);

        Assert.Equal(100, score);
    }

    [Fact]
    public void ReasonAt_SeveralSignals_ListsStrongestFirst()
    {
        var scorer = new RiskScorer(new PolicyOptions());
        var signals = Signals(
            (SignalKind.Probing, 30),
            (SignalKind.LoginBruteForce, 80),
            (SignalKind.MissingAgent, 0.4));

        var reason = scorer.ReasonAt(signals, Now);

        Assert.Equal("login-brute-force (80), probing (30)", reason);
    }

    [Fact]
    public void ReportsAt_SignalBelowFloor_IsLeftOut()
    {
        var scorer = new RiskScorer(new PolicyOptions());
        var signals = Signals((SignalKind.MissingAgent, 0.5), (SignalKind.Injection, 30));

        var reports = scorer.ReportsAt(signals, Now);

        Assert.Equal(["injection"], reports.Select(r => r.Name));
    }

    private static List<SignalState?> Signals(params (SignalKind Kind, double Points)[] fired)
    {
        var signals = new List<SignalState?>();
        for (var i = 0; i < SignalNames.Count; i++)
        {
            signals.Add(null);
        }

        foreach (var (kind, points) in fired)
        {
            var signal = signals[(int)kind] = new SignalState();
            signal.PeakPoints = points;
            signal.PeakTime = Now;
        }

        return signals;
    }
}
