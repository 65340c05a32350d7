namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>What one round of <see cref="HAProxyMapFeeder"/> did.</summary>
/// <param name="FullLoad">Whether both maps were replaced in full.</param>
/// <param name="Entries">Entries loaded (full load) or edits sent (otherwise).</param>
/// <param name="Process">The HAProxy process fed, as "pid N started T".</param>
/// <param name="Reason">Why a full load happened; null otherwise.</param>
internal sealed record FeedResult(bool FullLoad, int Entries, string Process, string? Reason);
