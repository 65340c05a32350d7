namespace Kwaf.Bench.Load;

/// <summary>One closed-loop check run against one server.</summary>
internal sealed record CheckRun(
    string Server,
    long Requests,
    long Denied,
    double Seconds,
    double CpuSeconds,
    double P50Ms,
    double P99Ms,
    double Load)
{
    public double RequestsPerSecond => Requests / Seconds;

    public double CpuMicrosPerRequest => CpuSeconds * 1e6 / Requests;
}
