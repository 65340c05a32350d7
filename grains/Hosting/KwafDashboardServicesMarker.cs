namespace Kwaf.Grains.Hosting;

/// <summary>
/// Registered by <see cref="KwafDashboardBuilderExtensions"/> when the dashboard's services were added to this
/// host (a silo or an Orleans client), so that the gateway maps the dashboard only where it can answer.
/// </summary>
internal sealed class KwafDashboardServicesMarker
{
}
