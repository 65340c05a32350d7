using System.Net;

namespace Kwaf.Gateway.Syslog;

internal sealed partial class SyslogUdpListener
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1710, EventName = "SyslogUdpListening", Level = LogLevel.Information,
            Message = "Syslog listener ({Transport}) on {EndPoint}")]
        public static partial void Listening(ILogger logger, string transport, EndPoint endPoint);

        [LoggerMessage(EventId = 1711, EventName = "SyslogUdpSourceRefused", Level = LogLevel.Warning,
            Message = "Syslog ({Transport}) from {Sender} refused: not in Kwaf:Syslog:AllowedSources "
                + "(said at most once a minute per sender; every refusal is counted in /events/stats)")]
        public static partial void SourceRefused(ILogger logger, string transport, IPAddress sender);

        [LoggerMessage(EventId = 1712, EventName = "SyslogUdpReceiveFailed", Level = LogLevel.Debug,
            Message = "Syslog UDP receive failed; the listener goes on")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1713, EventName = "SyslogUdpMessageFailed", Level = LogLevel.Error,
            Message = "A syslog datagram could not be handled; the listener goes on")]
        public static partial void MessageFailed(ILogger logger, Exception exception);
    }
}
