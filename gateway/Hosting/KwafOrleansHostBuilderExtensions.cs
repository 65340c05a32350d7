using Kwaf.Grains.Audit;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Policy;
using Orleans.Configuration;

namespace Kwaf.Gateway.Hosting;

/// <summary>
/// Puts the gateway's grains in a co-hosted silo or reaches them as a client, per <c>Kwaf:Gateway</c>.
/// </summary>
internal static class KwafOrleansHostBuilderExtensions
{
    /// <summary>
    /// <c>Kwaf:Gateway:Mode=Embedded</c>: co-hosts a silo (<c>ConfigureKwafSilo</c>). <c>Client</c>: joins the
    /// cluster named by <c>Kwaf:Cluster</c> as an Orleans client, through Redis or, with Localhost membership,
    /// at <c>Kwaf:Silo:GatewayPort</c>; it retries the first connection until the host stops, and rebuilds the
    /// decision cache from the board whenever it loses a silo or reconnects.
    /// </summary>
    /// <param name="builder">The web application builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A <c>Kwaf</c> setting is invalid;
    /// the message names each bad key.</exception>
    public static WebApplicationBuilder UseKwafOrleans(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var gateway = builder.Services.BindKwafOptions(
            configuration,
            KwafGatewayOptions.SectionName,
            new KwafGatewayOptionsValidator());
        if (gateway.Mode == KwafGatewayMode.Embedded)
        {
            builder.UseOrleans(silo => silo.ConfigureKwafSilo(configuration, KwafSiloMode.Embedded));
            return builder;
        }

        var cluster = builder.Services.BindKwafOptions(
            configuration,
            KwafClusterOptions.SectionName,
            new KwafClusterOptionsValidator());
        var endpoints = builder.Services.BindKwafOptions(
            configuration,
            KwafSiloOptions.SectionName,
            new KwafSiloOptionsValidator());
        builder.UseOrleansClient(client => ConfigureClient(client, configuration, cluster, endpoints));

        // The allowlist and the classification read the policy options that a co-hosted silo would bind.
        builder.Services.AddKwafPolicy();
        builder.Services.AddKwafAuditReader(configuration);
        return builder;
    }

    private static void ConfigureClient(
        IClientBuilder client,
        IConfiguration configuration,
        KwafClusterOptions cluster,
        KwafSiloOptions endpoints)
    {
        if (cluster.Membership == KwafClusteringMembership.Redis)
        {
            var redis = KwafClustering.ReadRedisOptions(configuration);
            client.UseRedisClustering(options => options.ConfigurationOptions = redis);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
        }
        else
        {
            client.UseLocalhostClustering(endpoints.GatewayPort, cluster.ServiceId, cluster.ClusterId);
        }

        client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = cluster.ResponseTimeout);
        client.Configure<GatewayOptions>(
            options => options.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
        client.UseConnectionRetryFilter<KwafClientConnectionRetryFilter>();
        client.AddClusterConnectionStatusObserver<DecisionCacheResynchronizer>();
        client.AddKwafDashboard(configuration);
    }
}
