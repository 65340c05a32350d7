namespace Kwaf.Grains.Hosting;

/// <summary>
/// Log event ids of the grains project's hosting feature, range 1000-1099. Ids are never reused or renumbered.
/// </summary>
internal static class HostingEventIds
{
    public const int StoreScriptApplied = 1000;
    public const int StoreReady = 1001;
    public const int StoredKeysLoaded = 1002;
    public const int DataFolderLockingDisabled = 1003;
    public const int DataFolderLockFileRecreated = 1004;
    public const int DataFolderLockFileLost = 1005;
    public const int SiloStarted = 1010;
}
