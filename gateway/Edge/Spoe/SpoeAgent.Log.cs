namespace Kwaf.Gateway.Edge.Spoe;

internal sealed partial class SpoeAgent
{
    // Event ids 5200-5219 belong to the SPOE agent (this file and SpoeConnection.Log.cs).
    private static partial class Log
    {
        [LoggerMessage(EventId = 5200, EventName = "SpoeListening", Level = LogLevel.Information,
            Message = "SPOE agent listening on {Address} port {Port} (max frame size {MaxFrameSize} bytes)")]
        public static partial void Listening(ILogger logger, string address, int port, int maxFrameSize);

        [LoggerMessage(EventId = 5201, EventName = "SpoeListenFailed", Level = LogLevel.Error,
            Message = "SPOE agent cannot listen on {Address} port {Port} (Kwaf:Spoe:Port)")]
        public static partial void ListenFailed(ILogger logger, Exception exception, string address, int port);

        [LoggerMessage(EventId = 5202, EventName = "SpoeAcceptFailed", Level = LogLevel.Warning,
            Message = "SPOE agent failed to accept a connection; it keeps listening")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 5203, EventName = "SpoeConnectionRejected", Level = LogLevel.Warning,
            Message = "SPOE connection refused: {MaxConnections} connections are open (Kwaf:Spoe:MaxConnections)")]
        public static partial void ConnectionRejected(ILogger logger, int maxConnections);
    }
}
