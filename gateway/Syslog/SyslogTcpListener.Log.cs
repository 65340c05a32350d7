using System.Net;

namespace Kwaf.Gateway.Syslog;

internal sealed partial class SyslogTcpListener
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1720, EventName = "SyslogTcpListening", Level = LogLevel.Information,
            Message = "Syslog listener ({Transport}) on {EndPoint}")]
        public static partial void Listening(ILogger logger, string transport, EndPoint endPoint);

        [LoggerMessage(EventId = 1721, EventName = "SyslogTcpSourceRefused", Level = LogLevel.Warning,
            Message = "Syslog ({Transport}) from {Sender} refused: not in Kwaf:Syslog:AllowedSources "
                + "(said at most once a minute per sender; every refusal is counted in /events/stats)")]
        public static partial void SourceRefused(ILogger logger, string transport, IPAddress sender);

        [LoggerMessage(EventId = 1722, EventName = "SyslogTcpTooManyConnections", Level = LogLevel.Debug,
            Message = "Syslog TCP connection from {Sender} closed: {MaxTcpConnections} connections are open")]
        public static partial void TooManyConnections(ILogger logger, IPAddress sender, int maxTcpConnections);

        [LoggerMessage(EventId = 1723, EventName = "SyslogTcpConnectionFailed", Level = LogLevel.Error,
            Message = "Syslog TCP connection from {Sender} failed and was closed")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception, IPAddress sender);
    }
}
