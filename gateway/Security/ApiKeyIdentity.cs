namespace Kwaf.Gateway.Security;

/// <summary>Who a caller is: an API key's name, or <see cref="LoopbackName"/>, and the roles it holds.</summary>
internal sealed record ApiKeyIdentity(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>The actor name of a loopback client that sent no key.</summary>
    public const string LoopbackName = "loopback";

    public static readonly ApiKeyIdentity Loopback = new(LoopbackName, KwafRoles.All);
}
