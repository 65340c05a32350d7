using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Limits;
using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Pipeline;

/// <summary>Running totals of what ingestion took, refused and dropped since the process started.</summary>
internal sealed record IngestionStats(
    long Accepted,
    long Rejected,
    long Dropped,
    long Dispatched,
    long DispatchFailures,
    long SlowDeliveries,
    long Pending,
    long InvalidEncoding,
    long ClockSkewClamped,
    long Folded,
    long Unrated,
    SubjectCapacityStats? Subjects,
    IReadOnlyDictionary<string, long> RejectedByReason,
    SyslogStats Syslog,
    ClientIpStats ClientIp,
    LimitStats Limits);
