using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Hosting;

internal sealed partial class EmbeddedStoreInitializer
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = HostingEventIds.StoreScriptApplied,
            EventName = "StoreScriptApplied",
            Level = LogLevel.Information,
            Message = "Applied store script {ScriptName} to {DatabasePath}")]
        public static partial void ScriptApplied(ILogger logger, string scriptName, string databasePath);

        [LoggerMessage(
            EventId = HostingEventIds.StoreReady,
            EventName = "StoreReady",
            Level = LogLevel.Information,
            Message = "Embedded store {DatabasePath} is current: {AppliedCount} of {ScriptCount} scripts applied now")]
        public static partial void StoreReady(ILogger logger, string databasePath, int appliedCount, int scriptCount);

        [LoggerMessage(
            EventId = HostingEventIds.StoredKeysLoaded,
            EventName = "StoredKeysLoaded",
            Level = LogLevel.Information,
            Message = "Embedded store {DatabasePath} holds {RowCount} states; reads of other states are skipped")]
        public static partial void StoredKeysLoaded(ILogger logger, string databasePath, long rowCount);

        [LoggerMessage(
            EventId = HostingEventIds.DataFolderLockingDisabled,
            EventName = "DataFolderLockingDisabled",
            Level = LogLevel.Warning,
            Message = "File locking is off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING), so nothing keeps a second process "
                + "out of the data folder {DataFolder}; every state is read from the store")]
        public static partial void LockingDisabled(ILogger logger, string dataFolder);
    }
}
