namespace Kwaf.Gateway.Health;

/// <summary>The body of a health answer.</summary>
internal sealed record HealthStatus(string Status);
