namespace Kwaf.Gateway.Security;

internal sealed partial class ApiKeyAuthenticationHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5300, EventName = "UnknownApiKey", Level = LogLevel.Debug,
            Message = "A request from {Peer} sent an API key that matches no configured key")]
        public static partial void UnknownKey(ILogger logger, string? peer);
    }
}
