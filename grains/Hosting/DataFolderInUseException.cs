namespace Kwaf.Grains.Hosting;

/// <summary>The embedded store's data folder is held by another kwaf process (<see cref="DataFolderLock"/>).</summary>
internal sealed class DataFolderInUseException : IOException
{
    /// <summary>Creates the exception for a folder whose lock file could not be taken.</summary>
    /// <param name="folder">The data folder.</param>
    /// <param name="lockFile">The lock file in it.</param>
    /// <param name="inner">The error of the attempt to take the lock.</param>
    public DataFolderInUseException(string folder, string lockFile, Exception inner)
        : base(
            $"the data folder {folder} (Kwaf:Storage:DataPath) is in use by another kwaf process: {lockFile} is "
            + "locked (its holder's process id is in the file). Each process needs a data folder of its own; "
            + "several silos share PostgreSQL (Kwaf:Storage:Provider=PostgreSql), not one embedded store.",
            inner)
    {
        Folder = folder;
    }

    /// <summary>The data folder that is in use.</summary>
    public string Folder { get; }
}
