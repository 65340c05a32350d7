namespace Kwaf.Gateway.Security;

/// <summary>
/// Marks an endpoint whose Authorization header describes another request (a mirrored copy of a client's request),
/// so that the API key is read from X-Kwaf-Key only and a client's own credentials are never taken for a key.
/// </summary>
internal sealed class ForwardedAuthorizationMetadata
{
    public static readonly ForwardedAuthorizationMetadata Instance = new();

    private ForwardedAuthorizationMetadata()
    {
    }
}
