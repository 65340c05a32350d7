namespace Kwaf.Gateway.Replay;

/// <summary>A replay's subjects counted by level and by decision, and the ones the report lists.</summary>
internal sealed record ReplaySubjects(
    IReadOnlyDictionary<string, long> ByLevel,
    IReadOnlyDictionary<string, long> ByDecision,
    IReadOnlyList<ReplaySubject> Listed);
