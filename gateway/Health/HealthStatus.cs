namespace Kwaf.Gateway.Health;

/// <summary>The body of a health answer.</summary>
/// <param name="Status"><c>live</c>, <c>ready</c> or <c>degraded</c>.</param>
/// <param name="Storage">Grain state storage of the co-hosted silo: <c>ok</c> or <c>degraded</c>; null when the
/// gateway hosts no silo or for the liveness answer.</param>
internal sealed record HealthStatus(string Status, string? Storage = null);
