using Kwaf.Gateway.Ingestion;

namespace Kwaf.Gateway.Mirror;

/// <summary>What became of a mirrored request: taken, rejected (with its reason), or dropped (full buffer).</summary>
internal readonly record struct MirrorOutcome(bool Taken, Rejection? Rejection);
