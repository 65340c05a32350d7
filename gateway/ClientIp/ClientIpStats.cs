namespace Kwaf.Gateway.ClientIp;

/// <summary>The client-address block of /events/stats.</summary>
/// <param name="UnattributedEvents">Events from a trusted proxy that named no client: counted for no IP.</param>
/// <param name="UnattributedChecks">Checks from a trusted proxy that named no client: answered for the user alone.
/// </param>
internal sealed record ClientIpStats(long UnattributedEvents, long UnattributedChecks);
