namespace Kwaf.Gateway.Security;

/// <summary>
/// The roles an API key can hold, and the authorization policy of each. <see cref="Admin"/> implies every other
/// role: a key that may ban any client and lift any ban gains no power from also sending events or reading ratings.
/// </summary>
internal static class KwafRoles
{
    /// <summary>Send events: POST /events, /events/mirror.</summary>
    public const string Ingest = "ingest";

    /// <summary>Ask for a client's decision: GET /decisions/check.</summary>
    public const string Check = "check";

    /// <summary>Read-only views: ratings, audit, decisions in force, statistics, the OpenAPI document.</summary>
    public const string Read = "read";

    /// <summary>Manual decisions, management, the Orleans dashboard.</summary>
    public const string Admin = "admin";

    public const string IngestPolicy = "kwaf-role-ingest";
    public const string CheckPolicy = "kwaf-role-check";
    public const string ReadPolicy = "kwaf-role-read";
    public const string AdminPolicy = "kwaf-role-admin";

    /// <summary>The claim type of a caller's roles.</summary>
    public const string ClaimType = "kwaf-role";

    public static readonly IReadOnlyList<string> All = [Ingest, Check, Read, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
