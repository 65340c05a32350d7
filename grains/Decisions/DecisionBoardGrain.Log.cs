using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Decisions;

internal sealed partial class DecisionBoardGrain
{
    // Event ids 3000-3049 belong to the decision board.
    private static partial class Log
    {
        [LoggerMessage(EventId = 3000, EventName = "DecisionBoardNotifyFailed", Level = LogLevel.Warning,
            Message = "Decision board could not notify observers of version {Version}; caches catch up by polling")]
        public static partial void NotifyFailed(ILogger logger, long version, Exception exception);

        [LoggerMessage(EventId = 3001, EventName = "DecisionBoardPurgeFailed", Level = LogLevel.Warning,
            Message = "Decision board could not purge expired decisions; it retries at the next purge")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 3002, EventName = "DecisionLifted", Level = LogLevel.Information,
            Message = "Decision {DecisionId} lifted by {Actor} at version {Version}")]
        public static partial void Lifted(ILogger logger, string decisionId, string actor, long version);

        [LoggerMessage(EventId = 3003, EventName = "ManualDecisionAdded", Level = LogLevel.Information,
            Message = "Manual decision {DecisionId} ({Kind}) added by {Actor} at version {Version}")]
        public static partial void ManualAdded(
            ILogger logger,
            string decisionId,
            Kwaf.Decisions.DecisionKind kind,
            string actor,
            long version);

        [LoggerMessage(EventId = 3004, EventName = "PolicyDecisionIgnored", Level = LogLevel.Debug,
            Message = "Policy decision {DecisionId} ignored: {Cause}")]
        public static partial void PolicyIgnored(ILogger logger, string decisionId, string cause);

        [LoggerMessage(EventId = 3005, EventName = "DecisionBoardWriteFailed", Level = LogLevel.Warning,
            Message = "Decision board could not store version {Version} (write {Outcome}); observers are told from "
                + "memory and the write is retried with backoff")]
        public static partial void WriteFailed(
            ILogger logger,
            long version,
            Kwaf.Grains.Storage.StateWriteOutcome outcome,
            Exception? exception);
    }
}
