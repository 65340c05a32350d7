using Kwaf.Gateway.Ingestion;

namespace Kwaf.Gateway.Mirror;

/// <summary>What became of a mirrored request: taken, rejected (with the reason), or dropped on a full buffer.</summary>
internal readonly record struct MirrorOutcome(bool Taken, Rejection? Rejection);
