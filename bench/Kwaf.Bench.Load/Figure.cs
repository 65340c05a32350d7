namespace Kwaf.Bench.Load;

/// <summary>
/// One reported figure: the median of its runs, each run's value, the server CPU seconds all runs used, the highest
/// one-minute load average seen during them, where the number comes from, its goal and whether it is met.
/// </summary>
internal sealed record Figure(
    string Key,
    double Value,
    string Unit,
    IReadOnlyList<double> Runs,
    double CpuSeconds,
    double Load,
    string Source,
    string Goal,
    bool? Met,
    string Mode);
