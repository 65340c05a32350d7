using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

internal sealed partial class ActiveSubjects
{
    private static partial class Log
    {
        [LoggerMessage(EventId = SubjectEventIds.ActiveSubjectsAtCapacity, EventName = "ActiveSubjectsAtCapacity",
            Level = LogLevel.Warning,
            Message = "The silo holds its cap of {Capacity} active subjects; events of new subjects are folded into "
                + "their network aggregates ({RefusedActivations} activations refused so far)")]
        public static partial void CapacityReached(ILogger logger, int capacity, long refusedActivations);
    }
}
