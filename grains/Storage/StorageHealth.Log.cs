using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Storage;

internal sealed partial class StorageHealth
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = StorageEventIds.StorageDegraded,
            EventName = "StorageDegraded",
            Level = LogLevel.Warning,
            Message = "Grain state storage is degraded: writes fail or time out; {PendingWrites} grains wait to "
                + "retry, {WriteFailures} failed writes so far. Decisions are enforced from memory meanwhile.")]
        public static partial void StorageDegraded(ILogger logger, long pendingWrites, long writeFailures);

        [LoggerMessage(
            EventId = StorageEventIds.StorageRecovered,
            EventName = "StorageRecovered",
            Level = LogLevel.Information,
            Message = "Grain state storage recovered: writes succeed again ({WriteFailures} failed writes so far)")]
        public static partial void StorageRecovered(ILogger logger, long writeFailures);
    }
}
