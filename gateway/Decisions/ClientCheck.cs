using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// The per-request question every proxy integration asks (the HTTP check endpoint, the SPOE agent): the allowlist
/// first, then the decision cache. No grain call, no database.
/// </summary>
internal static class ClientCheck
{
    /// <summary>Decides for a canonical client IP and a normalized user id (either may be null).</summary>
    public static ClientVerdict Decide(
        DecisionCache cache,
        Allowlist allowlist,
        string? canonicalIp,
        string? userId,
        DateTimeOffset now)
    {
        if (allowlist.Contains(canonicalIp))
        {
            return ClientVerdict.Allowed;
        }

        var result = cache.Check(canonicalIp, userId, now);
        var score = (int)Math.Round(result.Decision?.Score ?? 0);
        var shadow = result.Shadow?.Kind ?? DecisionKind.Allow;
        if (result.Kind == DecisionKind.Allow || result.Decision is null)
        {
            return new ClientVerdict(DecisionKind.Allow, score, 0, shadow);
        }

        var retryAfter = Math.Max(1, (long)Math.Ceiling((result.Decision.Expires - now).TotalSeconds));
        return new ClientVerdict(result.Kind, score, retryAfter, shadow);
    }

    /// <summary>A user id as proxies log it, or null for none (empty, blank or "-").</summary>
    public static string? NormalizeUser(string? userId) =>
        string.IsNullOrWhiteSpace(userId) || userId == "-" ? null : userId.Trim();
}
