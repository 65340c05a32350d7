namespace Kwaf.Gateway.Security;

/// <summary>
/// Marks an endpoint that browsers open (the dashboard): a missing key is answered with
/// <c>WWW-Authenticate: Basic</c>, so that the browser asks for it (the key is the password, any user name).
/// </summary>
internal sealed class BasicChallengeMetadata
{
    public static readonly BasicChallengeMetadata Instance = new();

    private BasicChallengeMetadata()
    {
    }
}
