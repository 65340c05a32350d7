namespace Kwaf.Grains.Policy;

/// <summary>
/// One detector's settings. A detector measures a count over its window (events of a kind, or distinct items) and,
/// when the count reaches <see cref="Threshold"/>, scores <c>min(MaxPoints, Points * count / Threshold)</c>: exactly
/// <see cref="Points"/> at the threshold, proportionally more above it. With a threshold of 1 that is
/// <see cref="Points"/> per hit.
/// </summary>
internal sealed class DetectorOptions
{
    /// <summary>Whether the detector runs. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The window the count is taken over, in event time. Default per detector. Must be positive and at most
    /// <c>Kwaf:Counters:Window</c>; rounded up to whole counter buckets.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The count at which the detector fires. Default per detector; at least 1.</summary>
    public int Threshold { get; set; } = 1;

    /// <summary>Points scored at the threshold. Default per detector; greater than 0, at most 100.</summary>
    public double Points { get; set; } = 10;

    /// <summary>Most points the detector can score. Default per detector; from <see cref="Points"/> to 100.</summary>
    public double MaxPoints { get; set; } = 10;

    /// <summary>
    /// Only for endpoint concentration: the least share (0 to 1, exclusive of 0) of the subject's non-static requests
    /// that the busiest non-static endpoint must hold. Default 0.9. Ignored by other detectors.
    /// </summary>
    public double MinShare { get; set; } = 0.9;

    /// <summary>Creates settings with the given defaults.</summary>
    /// <param name="window">The window.</param>
    /// <param name="threshold">The threshold.</param>
    /// <param name="points">Points at the threshold.</param>
    /// <param name="maxPoints">The cap.</param>
    /// <returns>The settings.</returns>
    public static DetectorOptions Create(TimeSpan window, int threshold, double points, double maxPoints) =>
        new() { Window = window, Threshold = threshold, Points = points, MaxPoints = maxPoints };
}
