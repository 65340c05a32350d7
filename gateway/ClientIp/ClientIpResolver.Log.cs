namespace Kwaf.Gateway.ClientIp;

internal sealed partial class ClientIpResolver
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5400, EventName = "ClientIpUnattributed", Level = LogLevel.Debug,
            Message = "Request reported by trusted proxy {Peer} is unattributed: {Source}")]
        public static partial void Unattributed(ILogger logger, string peer, ClientIpSource source);
    }
}
