using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

internal sealed partial class SubjectTickSchedule
{
    private static partial class Log
    {
        [LoggerMessage(EventId = SubjectEventIds.TickFailed, EventName = "SubjectTickFailed", Level = LogLevel.Debug,
            Message = "A subject's periodic tick did not complete; it is tried again next period")]
        public static partial void TickFailed(ILogger logger, Exception exception);
    }
}
