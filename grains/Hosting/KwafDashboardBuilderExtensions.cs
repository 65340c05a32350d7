using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Kwaf.Grains.Hosting;

/// <summary>Adds the Orleans dashboard's services to a silo or an Orleans client, per <c>Kwaf:Dashboard</c>.</summary>
internal static class KwafDashboardBuilderExtensions
{
    /// <summary>
    /// Reads and validates <c>Kwaf:Dashboard</c>; when <see cref="KwafDashboardOptions.Enabled"/>, adds the
    /// dashboard's grains and counters to the silo. Serving its pages is the gateway's job
    /// (<c>MapKwafDashboard</c>); a standalone silo collects the data that a gateway of the cluster shows.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="OptionsValidationException">A <c>Kwaf:Dashboard</c> value is invalid.</exception>
    public static ISiloBuilder AddKwafDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = BindOptions(silo.Services, configuration);
        if (options.Enabled)
        {
            silo.AddDashboard(dashboard => Apply(options, dashboard));
            silo.Services.TryAddSingleton<KwafDashboardServicesMarker>();
        }

        return silo;
    }

    /// <summary>
    /// Reads and validates <c>Kwaf:Dashboard</c>; when <see cref="KwafDashboardOptions.Enabled"/>, adds the
    /// dashboard's services to an Orleans client so that a gateway in client mode can serve the dashboard. That
    /// works only if the cluster's silos also added it (<see cref="AddKwafDashboard(ISiloBuilder, IConfiguration)"/>
    /// with the dashboard enabled); otherwise the page loads but its data calls fail.
    /// </summary>
    /// <param name="client">The client builder.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>The client builder.</returns>
    /// <exception cref="OptionsValidationException">A <c>Kwaf:Dashboard</c> value is invalid.</exception>
    public static IClientBuilder AddKwafDashboard(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = BindOptions(client.Services, configuration);
        if (options.Enabled)
        {
            client.AddDashboard(dashboard => Apply(options, dashboard));
            client.Services.TryAddSingleton<KwafDashboardServicesMarker>();
        }

        return client;
    }

    private static KwafDashboardOptions BindOptions(IServiceCollection services, IConfiguration configuration) =>
        services.BindKwafOptions(
            configuration,
            KwafDashboardOptions.SectionName,
            new KwafDashboardOptionsValidator());

    private static void Apply(KwafDashboardOptions options, DashboardOptions dashboard)
    {
        dashboard.HideTrace = options.HideTrace;
        dashboard.CounterUpdateIntervalMs = (int)options.CounterUpdateInterval.TotalMilliseconds;
    }
}
