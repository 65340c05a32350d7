namespace Kwaf.Gateway.Hosting;

/// <summary>How the gateway process hosts or reaches the grains; section <c>Kwaf:Gateway</c>.</summary>
internal sealed class KwafGatewayOptions
{
    /// <summary>The configuration section: <c>Kwaf:Gateway</c>.</summary>
    public const string SectionName = "Kwaf:Gateway";

    /// <summary>
    /// <c>Kwaf:Gateway:Mode</c>: <c>Embedded</c> (default; co-hosts a silo) or <c>Client</c> (an Orleans client of
    /// the cluster named by <c>Kwaf:Cluster</c>, found through <c>ConnectionStrings:Redis</c> with
    /// <c>Kwaf:Cluster:Membership=Redis</c>, or at <c>Kwaf:Silo:GatewayPort</c> on this machine with Localhost).
    /// The API is the same in both modes.
    /// </summary>
    public KwafGatewayMode Mode { get; set; } = KwafGatewayMode.Embedded;
}
