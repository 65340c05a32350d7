using Kwaf.Grains.Policy;

namespace Kwaf.Grains.Tests.Policy;

public sealed class ScoreDecayTests
{
    private static readonly DateTimeOffset Peak = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 80)]
    [InlineData(1, 40)]
    [InlineData(2, 20)]
    [InlineData(3, 10)]
    [InlineData(6, 1.25)]
    public void PointsAt_WholeHalfLives_HalvesEachTime(int halfLives, double expected)
    {
        var decay = new ScoreDecay(TimeSpan.FromMinutes(10));
        var signal = new SignalState { PeakPoints = 80, PeakTime = Peak };

        var points = decay.PointsAt(signal, Peak.AddMinutes(10 * halfLives));

        Assert.Equal(expected, points);
    }

    [Fact]
    public void PointsAt_BeforePeak_ReturnsPeak()
    {
        var decay = new ScoreDecay(TimeSpan.FromMinutes(10));
        var signal = new SignalState { PeakPoints = 50, PeakTime = Peak };

        var points = decay.PointsAt(signal, Peak.AddMinutes(-5));

        Assert.Equal(50, points);
    }

    [Fact]
    public void PointsAt_NeverFired_ReturnsZero()
    {
        var decay = new ScoreDecay(TimeSpan.FromMinutes(10));

        var points = decay.PointsAt(new SignalState(), Peak);

        Assert.Equal(0, points);
    }
}
