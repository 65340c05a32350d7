namespace Kwaf.Gateway.ClientIp;

/// <summary>The header names of <see cref="ForwardedHeaderKind"/>, and the event fields that carry each.</summary>
internal static class ForwardedHeaderNames
{
    public const string XForwardedFor = "X-Forwarded-For";
    public const string Forwarded = "Forwarded";
    public const string XRealIp = "X-Real-IP";

    /// <summary>Reads a configured header name, in any letter case.</summary>
    public static bool TryParse(string? name, out ForwardedHeaderKind kind)
    {
        kind = ForwardedHeaderKind.XForwardedFor;
        if (string.Equals(name, XForwardedFor, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(name, Forwarded, StringComparison.OrdinalIgnoreCase))
        {
            kind = ForwardedHeaderKind.Forwarded;
            return true;
        }

        kind = ForwardedHeaderKind.XRealIp;
        return string.Equals(name, XRealIp, StringComparison.OrdinalIgnoreCase);
    }

    public static string NameOf(ForwardedHeaderKind kind) => kind switch
    {
        ForwardedHeaderKind.Forwarded => Forwarded,
        ForwardedHeaderKind.XRealIp => XRealIp,
        _ => XForwardedFor,
    };
}
