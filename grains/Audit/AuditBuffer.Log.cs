using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Audit;

internal sealed partial class AuditBuffer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = AuditEventIds.RecordsDropped, EventName = "AuditRecordsDropped",
            Level = LogLevel.Warning,
            Message = "Audit buffer full or closed: {DroppedCount} records dropped since the last warning "
                + "({DroppedTotal} in all; capacity {Capacity})")]
        public static partial void RecordsDropped(ILogger logger, long droppedCount, long droppedTotal, int capacity);
    }
}
