namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>The SPOE agent's totals since the gateway started (GET /edge/spoe/stats).</summary>
/// <param name="Connections">Connections accepted.</param>
/// <param name="OpenConnections">Connections open now.</param>
/// <param name="RejectedConnections">Connections refused past Kwaf:Spoe:MaxConnections.</param>
/// <param name="Healthchecks">Health-check hellos answered.</param>
/// <param name="Frames">Frames received.</param>
/// <param name="Checks">kwaf-check messages answered.</param>
/// <param name="Throttled">Checks answered throttle.</param>
/// <param name="Blocked">Checks answered block.</param>
/// <param name="Errors">Connections closed on an error, by reason.</param>
internal sealed record SpoeStats(
    long Connections,
    long OpenConnections,
    long RejectedConnections,
    long Healthchecks,
    long Frames,
    long Checks,
    long Throttled,
    long Blocked,
    IReadOnlyDictionary<string, long> Errors);
