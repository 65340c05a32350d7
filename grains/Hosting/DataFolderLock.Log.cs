using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Hosting;

internal sealed partial class DataFolderLock
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = HostingEventIds.DataFolderLockFileRecreated,
            EventName = "DataFolderLockFileRecreated",
            Level = LogLevel.Warning,
            Message = "The data folder's lock file {LockFile} was deleted while this process held it; it is locked "
                + "again. It is not a stale pid file: delete it only when no kwaf process runs on the folder")]
        public static partial void LockFileRecreated(ILogger logger, string lockFile);

        [LoggerMessage(
            EventId = HostingEventIds.DataFolderLockFileLost,
            EventName = "DataFolderLockFileLost",
            Level = LogLevel.Error,
            Message = "The data folder's lock file {LockFile} was deleted and could not be locked again; another "
                + "process may be using the folder, and the two would overwrite each other's subjects")]
        public static partial void LockFileLost(ILogger logger, Exception exception, string lockFile);
    }
}
