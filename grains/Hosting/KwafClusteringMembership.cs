namespace Kwaf.Grains.Hosting;

/// <summary>How silos find each other and how gateways in client mode find silos.</summary>
internal enum KwafClusteringMembership
{
    /// <summary>One silo that is its own primary, co-hosted or standalone; no external service.</summary>
    Localhost,

    /// <summary>Membership in Redis (<c>ConnectionStrings:Redis</c>): several silos, external gateways.</summary>
    Redis,
}
