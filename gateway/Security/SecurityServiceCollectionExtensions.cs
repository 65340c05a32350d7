using Kwaf.Grains.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Security;

/// <summary>
/// API keys and roles: every endpoint names the role it needs (<see cref="KwafRoles"/>); one that names none needs
/// admin, so that an endpoint added without thought is closed rather than open.
/// </summary>
internal static partial class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddKwafSecurity(this IServiceCollection services)
    {
        services.AddKwafOptions<SecurityOptions>(SecurityOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.TryAddSingleton<ApiKeyRing>();
        services.TryAddSingleton<ManualDecisionGuard>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName,
                configureOptions: null);
        services.AddAuthorization(static options =>
        {
            options.AddPolicy(KwafRoles.IngestPolicy, Role(KwafRoles.Ingest));
            options.AddPolicy(KwafRoles.CheckPolicy, Role(KwafRoles.Check));
            options.AddPolicy(KwafRoles.ReadPolicy, Role(KwafRoles.Read));
            options.AddPolicy(KwafRoles.AdminPolicy, Role(KwafRoles.Admin));
            options.DefaultPolicy = Role(KwafRoles.Admin);
            options.FallbackPolicy = Role(KwafRoles.Admin);
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiKeyAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Authenticates every request and enforces each endpoint's role; logs who may talk to kwaf.</summary>
    public static IApplicationBuilder UseKwafSecurity(this IApplicationBuilder app)
    {
        var ring = app.ApplicationServices.GetService<ApiKeyRing>() ?? throw new InvalidOperationException(
            "UseKwafSecurity needs AddKwafSecurity: call services.AddKwafSecurity() (AddKwafApi does).");
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger(typeof(SecurityServiceCollectionExtensions).FullName!);
        if (ring.IsEmpty)
        {
            Log.LoopbackOnly(logger);
        }
        else
        {
            Log.KeysConfigured(logger, ring.Count, ring.AllowLoopbackWithoutKey);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    // No scheme on the policies: the API key scheme is the default one, so the authentication middleware has already
    // set the caller; naming it here would authenticate every request a second time.
    private static AuthorizationPolicy Role(string role) =>
        new AuthorizationPolicyBuilder().AddRequirements(new RoleRequirement(role)).Build();
}
