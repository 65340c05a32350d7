namespace Kwaf.Grains.Hosting;

/// <summary>
/// The embedded store's data folder could not be locked for this process (<see cref="DataFolderLock"/>): another
/// kwaf process holds it (<see cref="InUse"/>), or the lock file cannot be opened at all (a read-only folder, no
/// permission, a path that is not a folder).
/// </summary>
internal sealed class DataFolderLockException : IOException
{
    private DataFolderLockException(string message, string folder, bool inUse, Exception inner)
        : base(message, inner)
    {
        Folder = folder;
        InUse = inUse;
    }

    /// <summary>The data folder.</summary>
    public string Folder { get; }

    /// <summary>Whether another process holds the folder; false when the lock file could not be opened.</summary>
    public bool InUse { get; }

    /// <summary>Another process holds the lock.</summary>
    public static DataFolderLockException HeldElsewhere(string folder, string lockFile, Exception inner) =>
        new(
            $"the data folder {folder} (Kwaf:Storage:DataPath) is in use by another kwaf process: {lockFile} is "
            + "locked (the file holds that process's id). Each process needs a data folder of its own; several "
            + "silos share PostgreSQL (Kwaf:Storage:Provider=PostgreSql), not one embedded store.",
            folder,
            inUse: true,
            inner);

    /// <summary>The lock file could not be created or opened.</summary>
    public static DataFolderLockException Unusable(string folder, string lockFile, Exception inner) =>
        new(
            $"the data folder {folder} (Kwaf:Storage:DataPath) cannot be used: {lockFile} could not be opened for "
            + $"writing: {inner.Message.TrimEnd('.')}. The folder must be writable by the kwaf process.",
            folder,
            inUse: false,
            inner);
}
