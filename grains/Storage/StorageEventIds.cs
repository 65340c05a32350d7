namespace Kwaf.Grains.Storage;

/// <summary>
/// Log event ids of the grains project's storage feature, range 2100-2149. Ids are never reused or renumbered.
/// </summary>
internal static class StorageEventIds
{
    public const int MigrationApplied = 2100;
    public const int MigrationsCurrent = 2101;
    public const int StorageDegraded = 2110;
    public const int StorageRecovered = 2111;
}
