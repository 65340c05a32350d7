namespace Kwaf.Gateway.Replay;

/// <summary>The subjects above the ok level after a replay, counted by level and decision, and the listed ones.</summary>
internal sealed record ReplaySubjects(
    IReadOnlyDictionary<string, long> ByLevel,
    IReadOnlyDictionary<string, long> ByDecision,
    IReadOnlyList<ReplaySubject> Listed);
