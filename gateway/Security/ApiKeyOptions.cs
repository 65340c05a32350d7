namespace Kwaf.Gateway.Security;

/// <summary>One API key: its name, its roles and the hash of its secret.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>
    /// The key's name, recorded as the actor of its manual decisions. Required: 1 to 64 letters, digits and
    /// <c>. _ -</c>, unique among the keys (case-insensitive).
    /// </summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The key's roles: <c>ingest</c>, <c>check</c>, <c>read</c> and <c>admin</c> (which implies the other three).
    /// Required: at least one.
    /// </summary>
    public string[] Roles { get; set; } = [];

    /// <summary>
    /// The SHA-256 hash of the key as <c>sha256:</c> and 64 hex digits; <c>kwaf hash-key</c> makes a key and its
    /// hash. Required, unique among the keys. The key itself never appears in configuration.
    /// </summary>
    public string Hash { get; set; } = string.Empty;
}
