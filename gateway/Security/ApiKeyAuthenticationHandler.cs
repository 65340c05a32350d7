using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Authenticates a request by its API key (<see cref="PresentedKey"/>), or as <see cref="ApiKeyIdentity.Loopback"/>
/// when it sends none and its TCP peer is loopback while no key is configured or
/// <see cref="SecurityOptions.AllowLoopbackWithoutKey"/> holds. A key that is sent but unknown fails, from loopback
/// too. What a refused request is answered is <see cref="ApiKeyAuthorizationResultHandler"/>'s business.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "KwafApiKey";

    private static readonly ConditionalWeakTable<ApiKeyIdentity, AuthenticateResult> Results = [];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey.Read(Request);
        if (presented.Length == 0)
        {
            return Task.FromResult(LoopbackOrNothing());
        }

        var identity = ring.Find(presented);
        if (identity is null)
        {
            Log.UnknownKey(Logger, Context.Connection.RemoteIpAddress?.ToString());
            return Task.FromResult(AuthenticateResult.Fail("The API key is not known."));
        }

        return Task.FromResult(Success(identity));
    }

    /// <summary>
    /// The caller this handler would authenticate the request as, or null where it would not (no key and not a
    /// served loopback peer, or an unknown key: those are refused, and logged, by the handler itself).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="ring">The configured keys.</param>
    /// <returns>The caller's principal, shared by every request of the same key; never to be changed.</returns>
    internal static ClaimsPrincipal? TryAuthenticate(HttpContext context, ApiKeyRing ring)
    {
        var presented = PresentedKey.Read(context.Request);
        var identity = presented.Length == 0 ? LoopbackIdentity(context, ring) : ring.Find(presented);
        return identity is null ? null : Success(identity).Principal;
    }

    private static ApiKeyIdentity? LoopbackIdentity(HttpContext context, ApiKeyRing ring) =>
        LoopbackPeer.Is(context) && (ring.IsEmpty || ring.AllowLoopbackWithoutKey) ? ApiKeyIdentity.Loopback : null;

    private AuthenticateResult LoopbackOrNothing() =>
        LoopbackIdentity(Context, ring) is { } loopback ? Success(loopback) : AuthenticateResult.NoResult();

    // One result per identity, built at its first request: the principal is only read, never changed, so every
    // request of the same key can share it instead of allocating claims, identity, principal and ticket each time.
    private static AuthenticateResult Success(ApiKeyIdentity identity) =>
        Results.GetValue(identity, static identity => Build(identity));

    private static AuthenticateResult Build(ApiKeyIdentity identity)
    {
        var claims = new List<Claim>(identity.Roles.Count + 1) { new(ClaimTypes.Name, identity.Name) };
        foreach (var role in identity.Roles)
        {
            claims.Add(new Claim(KwafRoles.ClaimType, role));
        }

        var claimsIdentity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, KwafRoles.ClaimType);
        var principal = new ClaimsPrincipal(claimsIdentity);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
