namespace Kwaf.Gateway.Replay;

/// <summary>What a replay read, took and rated. Serialized as the <c>--json</c> output.</summary>
internal sealed record ReplayReport(
    string File,
    long Lines,
    long Accepted,
    long Rejected,
    long InvalidEncoding,
    long Unattributed,
    IReadOnlyDictionary<string, long> RejectedByReason,
    IReadOnlyDictionary<string, IReadOnlyList<long>> FirstRejectedLines,
    double Seconds,
    double LinesPerSecond,
    DateTimeOffset? FirstEventTime,
    DateTimeOffset? LastEventTime,
    long IpSubjects,
    long UserSubjects,
    long Folded,
    long Unrated,
    IReadOnlyDictionary<string, long> SubjectsByLevel,
    IReadOnlyDictionary<string, long> SubjectsByDecision,
    IReadOnlyList<ReplaySubject> Subjects);
