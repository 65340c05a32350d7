using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

internal abstract partial class SubjectGrain
{
    // Client IPs and user ids are personal data: only Debug messages carry the grain key.
    private static partial class Log
    {
        [LoggerMessage(EventId = SubjectEventIds.StateWriteFailed, EventName = "SubjectStateWriteFailed",
            Level = LogLevel.Warning,
            Message = "Writing subject state ended {Outcome}; changes stay in memory and are retried with backoff")]
        public static partial void StateWriteFailed(
            ILogger logger,
            Kwaf.Grains.Storage.StateWriteOutcome outcome,
            Exception? exception);

        [LoggerMessage(EventId = SubjectEventIds.DecisionPublishedUnsaved, EventName = "DecisionPublishedUnsaved",
            Level = LogLevel.Warning,
            Message = "A policy decision is published from memory because its write ended {Outcome}; it is retried")]
        public static partial void DecisionPublishedUnsaved(
            ILogger logger,
            Kwaf.Grains.Storage.StateWriteOutcome outcome);

        [LoggerMessage(EventId = SubjectEventIds.StateConflict, EventName = "SubjectStateConflict",
            Level = LogLevel.Warning, Message = "Subject state changed in storage since it was read; merging")]
        public static partial void StateConflict(ILogger logger, Exception exception);

        [LoggerMessage(EventId = SubjectEventIds.EventsSkipped, EventName = "SubjectEventsSkipped",
            Level = LogLevel.Warning, Message = "Skipped {SkippedCount} events that belong to another subject")]
        public static partial void EventsSkipped(ILogger logger, int skippedCount);

        [LoggerMessage(EventId = SubjectEventIds.DecisionMade, EventName = "PolicyDecisionMade",
            Level = LogLevel.Debug,
            Message = "Policy decision {DecisionId} ({DecisionKind}) until {Expires}: {Reason}")]
        public static partial void DecisionMade(
            ILogger logger,
            string decisionId,
            Kwaf.Decisions.DecisionKind decisionKind,
            DateTimeOffset expires,
            string reason);

        [LoggerMessage(EventId = SubjectEventIds.DecisionPublishFailed, EventName = "DecisionPublishFailed",
            Level = LogLevel.Warning, Message = "Publishing a stored policy decision failed; it is retried")]
        public static partial void DecisionPublishFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = SubjectEventIds.RiskIndexUpdateFailed, EventName = "RiskIndexUpdateFailed",
            Level = LogLevel.Warning, Message = "Updating the risk index failed; it is retried at the next change")]
        public static partial void RiskIndexUpdateFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = SubjectEventIds.StoredStateAdopted, EventName = "StoredSubjectStateAdopted",
            Level = LogLevel.Warning,
            Message = "Stored subject state was newer after a conflict; in-memory changes dropped")]
        public static partial void StoredStateAdopted(ILogger logger);

        [LoggerMessage(EventId = SubjectEventIds.SubjectEvicted, EventName = "IdleSubjectEvicted",
            Level = LogLevel.Debug, Message = "Subject idle for {IdleTime} and holding no decision; leaving memory")]
        public static partial void SubjectEvicted(ILogger logger, TimeSpan idleTime);
    }
}
