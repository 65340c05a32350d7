namespace Kwaf.Gateway.Replay;

/// <summary>
/// One subject in the replay report. <see cref="Score"/>, <see cref="Level"/> and <see cref="Signals"/> are the
/// highest the subject reached during the log (at <see cref="PeakAt"/>); <see cref="Decision"/> is the last decision
/// kwaf made for it (allow when none); <see cref="ScoreAtEnd"/> and <see cref="LevelAtEnd"/> are as of its own last
/// event.
/// </summary>
internal sealed record ReplaySubject(
    string Kind,
    string Id,
    double Score,
    string Level,
    string Decision,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? DecisionExpires,
    int Decisions,
    DateTimeOffset? PeakAt,
    double ScoreAtEnd,
    string LevelAtEnd,
    long Events,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyList<ReplaySignal> Signals);
