namespace Kwaf.Gateway.Edge.Spoe;

internal sealed partial class SpoeConnection
{
    // Event ids 5200-5219 belong to the SPOE agent (SpoeAgent.Log.cs and this file).
    private static partial class Log
    {
        [LoggerMessage(EventId = 5210, EventName = "SpoeProtocolError", Level = LogLevel.Warning,
            Message = "SPOE connection {ConnectionId} closed on a protocol error (status {Status}): {Reason}")]
        public static partial void ProtocolError(ILogger logger, long connectionId, int status, string reason);

        [LoggerMessage(EventId = 5211, EventName = "SpoeConnectionFailed", Level = LogLevel.Error,
            Message = "SPOE connection {ConnectionId} failed; the agent goes on with its other connections")]
        public static partial void ConnectionFailed(ILogger logger, Exception exception, long connectionId);

        [LoggerMessage(EventId = 5212, EventName = "SpoeConnectionLost", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId} lost")]
        public static partial void ConnectionLost(ILogger logger, Exception exception, long connectionId);

        [LoggerMessage(EventId = 5213, EventName = "SpoeIdleTimeout", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId} closed after {IdleTimeout} without a frame")]
        public static partial void IdleTimeout(ILogger logger, long connectionId, TimeSpan idleTimeout);

        [LoggerMessage(EventId = 5214, EventName = "SpoePeerClosed", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId} closed by HAProxy")]
        public static partial void PeerClosed(ILogger logger, long connectionId);

        [LoggerMessage(EventId = 5215, EventName = "SpoeHaproxyDisconnected", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId}: HAProxy disconnected with status {Status}")]
        public static partial void HaproxyDisconnected(ILogger logger, long connectionId, long status);

        [LoggerMessage(EventId = 5216, EventName = "SpoeGreeted", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId} ready: max frame size {MaxFrameSize}, pipelining {Pipelining}")]
        public static partial void Greeted(ILogger logger, long connectionId, uint maxFrameSize, bool pipelining);

        [LoggerMessage(EventId = 5217, EventName = "SpoeFarewellLost", Level = LogLevel.Debug,
            Message = "SPOE connection {ConnectionId}: the closing AGENT-DISCONNECT could not be sent")]
        public static partial void FarewellLost(ILogger logger, long connectionId);
    }
}
