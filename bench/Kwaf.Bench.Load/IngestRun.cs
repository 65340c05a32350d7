namespace Kwaf.Bench.Load;

/// <summary>One measured ingestion run: events taken and dispatched, wall time, server CPU and machine load.</summary>
internal sealed record IngestRun(long Events, long Dropped, double Seconds, double CpuSeconds, double Load)
{
    public double CpuMicrosPerEvent => Events == 0 ? double.NaN : CpuSeconds * 1e6 / Events;

    public double EventsPerSecond => Events / Seconds;
}
