using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions;

internal sealed partial class AllowlistedDecisionReporter
{
    // Event ids 5600-5619 belong to the allowlist reload, shadow mode and allowlist overrides.
    private static partial class Log
    {
        // The address stays out of this warning (application logs name clients only at Debug); the audit log and
        // the Debug event below name it.
        [LoggerMessage(EventId = 5602, EventName = "AllowlistIgnoredDecision", Level = LogLevel.Warning,
            Message = "A {Kind} in force for an allowlisted address is not enforced: blocked but allowlisted; "
                + "block ignored")]
        public static partial void AllowlistIgnored(ILogger logger, DecisionKind kind);

        [LoggerMessage(EventId = 5603, EventName = "AllowlistIgnoredDecisionDetail", Level = LogLevel.Debug,
            Message = "Decision {DecisionId} ({Kind}) is for an allowlisted address and is not enforced")]
        public static partial void AllowlistIgnoredDetail(ILogger logger, string decisionId, DecisionKind kind);
    }
}
