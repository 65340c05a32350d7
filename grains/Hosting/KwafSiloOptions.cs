namespace Kwaf.Grains.Hosting;

/// <summary>Network endpoints of the silo. Several instances on one machine need distinct ports.</summary>
internal sealed class KwafSiloOptions
{
    /// <summary>The configuration section: <c>Kwaf:Silo</c>.</summary>
    public const string SectionName = "Kwaf:Silo";

    /// <summary>Port for silo-to-silo traffic (<c>Kwaf:Silo:SiloPort</c>). Default 11111. Range 1-65535.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// Port on which the silo accepts external Orleans clients (<c>Kwaf:Silo:GatewayPort</c>). Default 30000.
    /// Range 1-65535, different from <see cref="SiloPort"/>.
    /// </summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address the silo advertises and listens on (<c>Kwaf:Silo:AdvertisedIp</c>). Default <c>127.0.0.1</c>.
    /// Must parse as an IPv4 or IPv6 address.
    /// </summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";
}
