namespace Kwaf.Grains.Policy;

/// <summary>
/// Exponential decay of signal points in event time: <c>points(t) = peak * 2^(-(t - peakTime) / halfLife)</c>, and the
/// peak itself for instants at or before the peak.
/// </summary>
internal sealed class ScoreDecay
{
    private readonly double _halfLifeTicks;

    public ScoreDecay(TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        _halfLifeTicks = halfLife.Ticks;
    }

    /// <summary>The signal's points at <paramref name="at"/>.</summary>
    /// <param name="signal">The signal, or null for a detector that never fired.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The decayed points.</returns>
    public double PointsAt(SignalState? signal, DateTimeOffset at)
    {
        if (signal is null || signal.PeakPoints <= 0)
        {
            return 0;
        }

        var elapsed = (at - signal.PeakTime).Ticks;
        return elapsed <= 0 ? signal.PeakPoints : signal.PeakPoints * Math.Pow(2, -elapsed / _halfLifeTicks);
    }
}
