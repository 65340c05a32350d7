namespace Kwaf.Gateway.Replay;

/// <summary>One signal of a subject in the replay report.</summary>
internal sealed record ReplaySignal(string Name, double Points, long Count, string? Evidence);
