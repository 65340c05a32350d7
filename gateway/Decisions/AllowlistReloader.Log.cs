namespace Kwaf.Gateway.Decisions;

internal sealed partial class AllowlistReloader
{
    // Event ids 5600-5619 belong to the allowlist reload, shadow mode and allowlist overrides.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5600, EventName = "AllowlistReloaded", Level = LogLevel.Information,
            Message = "Allowlist reloaded from configuration: {Count} entries ({Entries})")]
        public static partial void Reloaded(ILogger logger, int count, string entries);

        [LoggerMessage(EventId = 5601, EventName = "AllowlistReloadRefused", Level = LogLevel.Warning,
            Message = "Allowlist reload refused, the {Count} entries in force stay: {Reason}")]
        public static partial void ReloadRefused(ILogger logger, string reason, int count);
    }
}
