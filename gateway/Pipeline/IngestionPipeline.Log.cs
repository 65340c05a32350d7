namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, EventName = "IngestionBufferFull", Level = LogLevel.Warning,
            Message = "Ingestion buffer full: {DroppedEvents} events dropped")]
        public static partial void BufferFull(ILogger logger, int droppedEvents);

        [LoggerMessage(EventId = 1101, EventName = "IngestionDispatchFailed", Level = LogLevel.Error,
            Message = "Delivering {EventCount} events to subject {SubjectKey} failed")]
        public static partial void DispatchFailed(
            ILogger logger,
            Exception exception,
            string subjectKey,
            int eventCount);

        [LoggerMessage(EventId = 1103, EventName = "IngestionRoundFailed", Level = LogLevel.Error,
            Message = "A dispatch round of {EventCount} events failed; the dispatcher goes on with the next round")]
        public static partial void RoundFailed(ILogger logger, Exception exception, int eventCount);

        [LoggerMessage(EventId = 1102, EventName = "IngestionDrainAbandoned", Level = LogLevel.Warning,
            Message = "Shutdown timed out with {PendingEvents} accepted events not yet delivered to their subjects")]
        public static partial void DrainAbandoned(ILogger logger, long pendingEvents);

        [LoggerMessage(EventId = 1104, EventName = "IngestionSlowSubjectsLeft", Level = LogLevel.Debug,
            Message = "{SlowSubjects} subjects had not taken their events when {MaxRoundWait} passed with no call of "
                + "their round completing; the dispatcher goes on and their next events follow their slow calls")]
        public static partial void SlowSubjectsLeft(ILogger logger, int slowSubjects, TimeSpan maxRoundWait);

        // Debug: under a flood this happens per subject and round; kwaf.ingest.events.unrated and /events/stats count
        // every such event, and the silo warns once per 10 s while it is at its cap.
        [LoggerMessage(EventId = 5510, EventName = "IngestionEventsUnrated", Level = LogLevel.Debug,
            Message = "{EventCount} events were delivered but rated by no subject: their subject and its network "
                + "aggregate found no room on the silo (Kwaf:Grains:MaxActiveSubjects)")]
        public static partial void EventsUnrated(ILogger logger, int eventCount);
    }
}
