using System.Globalization;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Holds the embedded store's data folder for one process: an exclusive lock on <c>kwaf.lock</c> in the folder,
/// taken before the store opens and given back when the silo stops or the process ends (the operating system drops
/// it with the process, so a crash leaves no stale lock). Two processes on one embedded store would each activate
/// the same subjects and overwrite each other's rows; the second one now stops at start instead.
/// </summary>
/// <remarks>
/// The file holds the process id of its holder, for an operator who wants to know which process it is. The lock is
/// the operating system's advisory file lock (flock on Linux), so it holds between kwaf processes, not against other
/// programs that open the database file.
/// </remarks>
internal sealed class DataFolderLock : IDisposable
{
    /// <summary>The name of the lock file in the data folder.</summary>
    public const string FileName = "kwaf.lock";

    private readonly Lock _gate = new();
    private FileStream? _held;

    /// <summary>Whether this process holds the folder.</summary>
    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held is not null;
            }
        }
    }

    /// <summary>Takes the lock on <paramref name="folder"/>; does nothing when it is already held here.</summary>
    /// <exception cref="DataFolderInUseException">Another process, or another host in this one, holds it.
    /// </exception>
    public void Acquire(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        lock (_gate)
        {
            if (_held is not null)
            {
                return;
            }

            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, FileName);
            try
            {
                _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException exception)
            {
                throw new DataFolderInUseException(folder, path, exception);
            }

            WriteHolder(_held);
        }
    }

    /// <summary>Gives the lock back; the file stays.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Release();

    private static void WriteHolder(FileStream file)
    {
        var text = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(text));
        file.Flush();
    }
}
