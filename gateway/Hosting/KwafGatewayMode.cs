namespace Kwaf.Gateway.Hosting;

/// <summary>Where the gateway's grains run.</summary>
internal enum KwafGatewayMode
{
    /// <summary>In a silo co-hosted in the gateway process (one process, localhost clustering by default).</summary>
    Embedded,

    /// <summary>In an external cluster that the gateway joins as an Orleans client.</summary>
    Client,
}
