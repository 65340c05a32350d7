using Kwaf.Gateway.Security;
using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Dashboard;

/// <summary>
/// Serves the Orleans dashboard on the gateway's HTTP address, under <c>Kwaf:Dashboard:RoutePrefix</c>.
/// </summary>
internal static partial class DashboardEndpoints
{
    /// <summary>
    /// Maps the dashboard (page, scripts and its JSON endpoints) under <see cref="KwafDashboardOptions.RoutePrefix"/>
    /// when it is enabled and its services were added to this host: by the co-hosted silo, or in client mode by
    /// <c>AddKwafDashboard</c> on the Orleans client builder. Enabled without those services, it logs a warning
    /// and maps nothing. The dashboard needs the admin role: an admin API key, sent by a browser as the password of
    /// HTTP Basic authentication, or a loopback client where loopback clients are served without a key. The
    /// dashboard's assets are loaded by the first request for it (<see cref="LazyDashboardEndpoints"/>).
    /// </summary>
    /// <param name="app">The web application.</param>
    /// <returns>The web application.</returns>
    public static WebApplication MapKwafDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<KwafDashboardOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints));
        if (!options.Enabled)
        {
            Log.DashboardDisabled(logger);
            return app;
        }

        if (app.Services.GetService<KwafDashboardServicesMarker>() is null)
        {
            Log.DashboardServicesMissing(logger);
            return app;
        }

        // Behind the admin role: the dashboard shows every silo and grain, and browsers send the key by Basic auth.
        // Its endpoints are the page's own, not kwaf's API, so the OpenAPI document leaves them out.
        static void Protect(IEndpointConventionBuilder endpoints) => endpoints
            .RequireAuthorization(KwafRoles.AdminPolicy)
            .WithMetadata(BasicChallengeMetadata.Instance)
            .ExcludeFromDescription();

        var dashboard = new LazyDashboardEndpoints(app.Services, options.RoutePrefix, Protect);
        ((IEndpointRouteBuilder)app).DataSources.Add(dashboard);
        Protect(app.Map(dashboard.LoaderPattern, dashboard.ServeAsync).WithOrder(int.MaxValue));
        Log.DashboardMapped(logger, options.RoutePrefix, options.HideTrace);
        return app;
    }
}
