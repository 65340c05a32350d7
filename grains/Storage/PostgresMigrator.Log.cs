using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Storage;

internal sealed partial class PostgresMigrator
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = StorageEventIds.MigrationApplied,
            EventName = "PostgresMigrationApplied",
            Level = LogLevel.Information,
            Message = "Applied PostgreSQL script {ScriptName} (checksum {Checksum})")]
        public static partial void MigrationApplied(ILogger logger, string scriptName, string checksum);

        [LoggerMessage(
            EventId = StorageEventIds.MigrationsCurrent,
            EventName = "PostgresMigrationsCurrent",
            Level = LogLevel.Information,
            Message = "PostgreSQL schema is current: {AppliedCount} of {ScriptCount} scripts applied now")]
        public static partial void MigrationsCurrent(ILogger logger, int appliedCount, int scriptCount);
    }
}
