namespace Kwaf.Gateway.Dashboard;

/// <summary>Log messages of the dashboard endpoints.</summary>
internal static partial class DashboardEndpoints
{
    private static partial class Log
    {
        // Event ids 4900-4919: the gateway's dashboard feature.
        [LoggerMessage(EventId = 4900, EventName = "DashboardMapped", Level = LogLevel.Information,
            Message = "Orleans dashboard served under {RoutePrefix} on the gateway's address (log stream hidden: "
                + "{HideTrace})")]
        public static partial void DashboardMapped(ILogger logger, string routePrefix, bool hideTrace);

        [LoggerMessage(EventId = 4901, EventName = "DashboardDisabled", Level = LogLevel.Information,
            Message = "Orleans dashboard not served: Kwaf:Dashboard:Enabled is false")]
        public static partial void DashboardDisabled(ILogger logger);

        [LoggerMessage(EventId = 4902, EventName = "DashboardServicesMissing", Level = LogLevel.Warning,
            Message = "Orleans dashboard not served: this host added no dashboard services; in client mode call "
                + "AddKwafDashboard on the Orleans client builder, and enable the dashboard on the silos")]
        public static partial void DashboardServicesMissing(ILogger logger);
    }
}
