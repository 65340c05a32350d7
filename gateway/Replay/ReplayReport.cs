namespace Kwaf.Gateway.Replay;

/// <summary>
/// What a replay read, took and rated. Serialized as the <c>--json</c> output. <see cref="ReadError"/> is null when
/// the file was read to its end, and otherwise says why not: the rest of the report covers the lines before it.
/// </summary>
internal sealed record ReplayReport(
    string File,
    string? ReadError,
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
