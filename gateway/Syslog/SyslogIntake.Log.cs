using System.Net;

namespace Kwaf.Gateway.Syslog;

internal sealed partial class SyslogIntake
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1700, EventName = "SyslogMessageRejected", Level = LogLevel.Debug,
            Message = "Syslog message {MessageNumber} from {Sender} rejected: {Field}: {Reason}")]
        public static partial void MessageRejected(
            ILogger logger,
            long messageNumber,
            IPAddress sender,
            string field,
            string reason);

        [LoggerMessage(EventId = 1701, EventName = "SyslogMessageOversized", Level = LogLevel.Debug,
            Message = "Syslog message from {Sender} longer than {MaxMessageBytes} bytes skipped")]
        public static partial void MessageOversized(ILogger logger, IPAddress sender, int maxMessageBytes);
    }
}
