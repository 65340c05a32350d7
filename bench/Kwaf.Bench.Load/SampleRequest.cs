namespace Kwaf.Bench.Load;

/// <summary>One request of the workload, before it is written as JSON, syslog or a log line.</summary>
internal sealed record SampleRequest(
    string Ip,
    string? UserId,
    string Method,
    string Path,
    int Status,
    long Bytes,
    string UserAgent);
