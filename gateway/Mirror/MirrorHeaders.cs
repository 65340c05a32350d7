namespace Kwaf.Gateway.Mirror;

/// <summary>The request headers a mirrored call carries (set by the proxy, for example with proxy_set_header).</summary>
internal static class MirrorHeaders
{
    /// <summary>The client address; required (or <see cref="RealIp"/>).</summary>
    public const string ClientIp = "X-Kwaf-Client-IP";

    /// <summary>The client address, when <see cref="ClientIp"/> is absent (nginx realip setups set it).</summary>
    public const string RealIp = "X-Real-IP";

    /// <summary>The user id, optional.</summary>
    public const string User = "X-Kwaf-User";

    /// <summary>The method of the original request; else the method of the mirrored call.</summary>
    public const string OriginalMethod = "X-Original-Method";

    /// <summary>The Host of the original request; else the Host of the mirrored call.</summary>
    public const string OriginalHost = "X-Original-Host";

    /// <summary>Path and query of the original request as received; else what follows /events/mirror.</summary>
    public const string OriginalUri = "X-Original-URI";
}
