namespace Kwaf.Gateway.Security;

internal static partial class SecurityServiceCollectionExtensions
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, EventName = "LoopbackClientsOnly", Level = LogLevel.Warning,
            Message = "No API keys are configured (Kwaf:Security:ApiKeys): kwaf serves loopback clients only, with "
                + "every role; clients on other hosts are refused until keys are configured")]
        public static partial void LoopbackOnly(ILogger logger);

        [LoggerMessage(EventId = 5302, EventName = "ApiKeysConfigured", Level = LogLevel.Information,
            Message = "{KeyCount} API keys configured; loopback clients without a key served: "
                + "{AllowLoopbackWithoutKey}")]
        public static partial void KeysConfigured(ILogger logger, int keyCount, bool allowLoopbackWithoutKey);
    }
}
