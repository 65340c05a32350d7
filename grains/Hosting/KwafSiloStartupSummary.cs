namespace Kwaf.Grains.Hosting;

/// <summary>What the silo was configured with, as reported at start. Holds no secrets.</summary>
/// <param name="Mode">How the silo is hosted.</param>
/// <param name="Provider">The grain state store.</param>
/// <param name="StoreLocation">The database file, or <c>memory</c>.</param>
/// <param name="RedactedConnectionString">The store's connection string with secrets masked; empty for memory.</param>
/// <param name="SiloPort">The silo-to-silo port.</param>
/// <param name="GatewayPort">The client gateway port.</param>
/// <param name="ClusterId">The cluster id.</param>
/// <param name="ServiceId">The service id.</param>
internal sealed record KwafSiloStartupSummary(
    KwafSiloMode Mode,
    KwafStorageProvider Provider,
    string StoreLocation,
    string RedactedConnectionString,
    int SiloPort,
    int GatewayPort,
    string ClusterId,
    string ServiceId);
