using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Audit;

internal sealed partial class AuditWriter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = AuditEventIds.WriteFailed, EventName = "AuditWriteFailed", Level = LogLevel.Warning,
            Message = "Writing {BatchCount} audit records failed (attempt {Attempt}); {PendingCount} more wait in the "
                + "buffer; retrying in {RetryDelay}")]
        public static partial void WriteFailed(
            ILogger logger,
            int attempt,
            int batchCount,
            int pendingCount,
            TimeSpan retryDelay,
            Exception exception);

        [LoggerMessage(EventId = AuditEventIds.WriteRecovered, EventName = "AuditWriteRecovered",
            Level = LogLevel.Information,
            Message = "Audit store is writable again after {FailedAttempts} failed attempts; "
                + "{BatchCount} records written")]
        public static partial void WriteRecovered(ILogger logger, int failedAttempts, int batchCount);

        [LoggerMessage(EventId = AuditEventIds.WriterStarted, EventName = "AuditWriterStarted",
            Level = LogLevel.Information,
            Message = "Audit writer started: store {Store}, buffer {Capacity} records, batches of {BatchSize}")]
        public static partial void WriterStarted(ILogger logger, string store, int capacity, int batchSize);

        [LoggerMessage(EventId = AuditEventIds.RecordsLostAtShutdown, EventName = "AuditRecordsLostAtShutdown",
            Level = LogLevel.Error,
            Message = "Shutdown ended before the audit store took every record: {LostCount} records were not written")]
        public static partial void RecordsLostAtShutdown(ILogger logger, int lostCount);

        [LoggerMessage(EventId = AuditEventIds.WriterFaulted, EventName = "AuditWriterFaulted", Level = LogLevel.Error,
            Message = "The audit writer stopped on an unexpected error; {PendingCount} records are not written")]
        public static partial void WriterFaulted(ILogger logger, int pendingCount, Exception exception);
    }
}
