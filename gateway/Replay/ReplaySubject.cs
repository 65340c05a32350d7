namespace Kwaf.Gateway.Replay;

/// <summary>One subject in the replay report, rated as of its own last event in the log.</summary>
internal sealed record ReplaySubject(
    string Kind,
    string Id,
    double Score,
    string Level,
    string Decision,
    DateTimeOffset? DecisionExpires,
    long Events,
    DateTimeOffset LastSeen,
    IReadOnlyList<ReplaySignal> Signals);
