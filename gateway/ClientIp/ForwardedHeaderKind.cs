namespace Kwaf.Gateway.ClientIp;

/// <summary>The forwarded headers kwaf can read, and how each is parsed.</summary>
internal enum ForwardedHeaderKind
{
    /// <summary>A comma-separated list of addresses, the nearest hop last.</summary>
    XForwardedFor,

    /// <summary>RFC 7239: comma-separated elements of <c>;</c>-separated pairs; <c>for=</c> names a hop.</summary>
    Forwarded,

    /// <summary>One address, read like a one-entry X-Forwarded-For.</summary>
    XRealIp,
}
