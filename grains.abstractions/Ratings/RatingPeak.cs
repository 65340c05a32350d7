namespace Kwaf.Ratings;

/// <summary>The highest score a subject has reached, when, and the signals that made it.</summary>
/// <param name="Score">The highest score, 0-100.</param>
/// <param name="Level">Its band.</param>
/// <param name="At">Event time when it was reached.</param>
/// <param name="Signals">The signals with points above zero at that time, strongest first.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.RatingPeak")]
public sealed record RatingPeak(
    [property: Id(0)] double Score,
    [property: Id(1)] RiskLevel Level,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] IReadOnlyList<SignalReport> Signals);
