using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Kwaf.Grains.Hosting;

/// <summary>Chooses the silo's membership provider from <c>Kwaf:Cluster:Membership</c>.</summary>
internal static class KwafClusteringSiloBuilderExtensions
{
    /// <summary>
    /// With <c>Redis</c> membership: joins the cluster through <c>ConnectionStrings:Redis</c>, listens on and
    /// advertises <c>Kwaf:Silo</c>'s address and ports, and applies the failure detection settings of
    /// <see cref="KwafClusterOptions"/>. With <c>Localhost</c>: runs <paramref name="useLocalhost"/>.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="cluster">The cluster identity.</param>
    /// <param name="endpoints">The silo's address and ports.</param>
    /// <param name="useLocalhost">Configures single-silo localhost cluster.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Redis membership lacks a valid
    /// <c>ConnectionStrings:Redis</c>.</exception>
    public static ISiloBuilder UseKwafClustering(
        this ISiloBuilder silo,
        IConfiguration configuration,
        KwafClusterOptions cluster,
        KwafSiloOptions endpoints,
        Action useLocalhost)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(useLocalhost);
        if (cluster.Membership == KwafClusteringMembership.Localhost)
        {
            useLocalhost();
            return silo;
        }

        var redis = KwafClustering.ReadRedisOptions(configuration);
        silo.UseRedisClustering(options => options.ConfigurationOptions = redis);
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(endpoints.AdvertisedIp), endpoints.SiloPort, endpoints.GatewayPort);
        silo.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = cluster.ProbeTimeout;
            options.NumMissedProbesLimit = cluster.MissedProbesLimit;
            options.NumVotesForDeathDeclaration = cluster.VotesForDeath;
        });
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = cluster.ResponseTimeout);
        return silo;
    }
}
