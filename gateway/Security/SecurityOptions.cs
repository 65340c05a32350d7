namespace Kwaf.Gateway.Security;

/// <summary>
/// Who may talk to the gateway's HTTP API: the API keys, each with a name and roles, and whether loopback clients get
/// in without one. Without any key, only loopback clients are served.
/// </summary>
internal sealed class SecurityOptions
{
    public const string SectionName = "Kwaf:Security";

    /// <summary>
    /// The API keys (<c>Kwaf:Security:ApiKeys:N:Name</c>, <c>:Roles</c>, <c>:Hash</c>). Default empty: only loopback
    /// clients are served, with every role. At most 256 keys.
    /// </summary>
    public ApiKeyOptions[] ApiKeys { get; set; } = [];

    /// <summary>
    /// Whether a loopback client that sends no key is served with every role once keys are configured
    /// (<c>Kwaf:Security:AllowLoopbackWithoutKey</c>). Default true. Without keys, loopback clients are always
    /// served. A client that sends a key is judged by that key, from loopback too.
    /// </summary>
    public bool AllowLoopbackWithoutKey { get; set; } = true;
}
