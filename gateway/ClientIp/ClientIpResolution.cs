namespace Kwaf.Gateway.ClientIp;

/// <summary>The client an event or check is attributed to.</summary>
/// <param name="ClientIp">The client's canonical address, or null when the event or check is unattributed.</param>
/// <param name="Source">Where it came from, or why there is none.</param>
internal readonly record struct ClientIpResolution(string? ClientIp, ClientIpSource Source)
{
    public bool IsUnattributed => ClientIp is null;
}
