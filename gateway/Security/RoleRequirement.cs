using Microsoft.AspNetCore.Authorization;

namespace Kwaf.Gateway.Security;

/// <summary>
/// The caller must hold <see cref="Role"/>. A request that matched no endpoint (an unknown path) needs only a known
/// caller, so that it is answered 404 rather than a 403 naming a role that no endpoint there requires.
/// </summary>
internal sealed class RoleRequirement(string role)
    : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public string Role { get; } = role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var unknownPath = context.Resource is HttpContext http && http.GetEndpoint() is null;
        if (unknownPath || user.HasClaim(KwafRoles.ClaimType, requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
