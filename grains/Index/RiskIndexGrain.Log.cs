using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Index;

internal sealed partial class RiskIndexGrain
{
    // Event ids 3050-3099 belong to the risk index.
    private static partial class Log
    {
        [LoggerMessage(EventId = 3050, EventName = "RiskIndexEntryEvicted", Level = LogLevel.Debug,
            Message = "Risk index full at {Capacity} entries: evicted the least risky entry, of kind {Kind}")]
        public static partial void Evicted(ILogger logger, string kind, int capacity);

        [LoggerMessage(EventId = 3051, EventName = "RiskIndexFlushFailed", Level = LogLevel.Warning,
            Message = "Risk index could not write its state; it retries at the next flush")]
        public static partial void FlushFailed(ILogger logger, Exception exception);
    }
}
