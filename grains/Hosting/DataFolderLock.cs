using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Holds the embedded store's data folder for one process: an exclusive lock on <c>kwaf.lock</c> in the folder,
/// taken before the store opens and given back when the silo stops or the process ends (the operating system drops
/// it with the process, so a crash leaves no stale lock). Two processes on one embedded store would each activate
/// the same subjects and overwrite each other's rows; the second one now stops at start instead.
/// </summary>
/// <remarks>
/// The file holds the process id of its holder, for an operator who wants to know which process it is; it is not a
/// stale-pid file to clean up, since the lock goes with the process. The lock is the operating system's advisory file
/// lock (flock on Linux), so it holds between kwaf processes, not against other programs that open the database file,
/// and not when .NET's file locking is turned off (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>, see
/// <see cref="IsEnforced"/>). Someone may still delete the file while kwaf runs (taking it for a stale pid file), and a
/// second process would then lock a new one: so the holder looks every <see cref="WatchInterval"/> and, when the
/// file is gone, creates and locks it again, well before a second process has started far enough to try.
/// </remarks>
internal sealed partial class DataFolderLock(TimeProvider timeProvider, ILogger<DataFolderLock> logger) : IDisposable
{
    /// <summary>The name of the lock file in the data folder.</summary>
    public const string FileName = "kwaf.lock";

    /// <summary>How often the holder makes sure its lock file is still there.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private FileStream? _held;
    private ITimer? _watch;

    /// <summary>
    /// Whether .NET locks files at all in this process: <c>System.IO.DisableFileLocking</c> (or the environment
    /// variable <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>) turns locking off, and the folder lock with it.
    /// </summary>
    public static bool IsEnforced
    {
        get
        {
            if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled))
            {
                return !disabled;
            }

            var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
            return !(variable == "1" || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase));
        }
    }

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
    /// <exception cref="DataFolderLockException">Another process, or another host in this one, holds it, or the
    /// lock file cannot be opened.</exception>
    public void Acquire(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        lock (_gate)
        {
            if (_held is not null)
            {
                return;
            }

            _held = Open(folder, Path.Combine(folder, FileName));
            _watch = timeProvider.CreateTimer(
                static state => ((DataFolderLock)state!).Watch(),
                this,
                WatchInterval,
                WatchInterval);
        }
    }

    /// <summary>Gives the lock back; the file stays.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _watch?.Dispose();
            _watch = null;
            _held?.Dispose();
            _held = null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Release();

    /// <summary>
    /// Whether opening failed because another open file description holds the lock: the error of a lock that would
    /// block (EWOULDBLOCK: 11 on Linux, 35 on macOS) or Windows' sharing and lock violations.
    /// </summary>
    private static bool IsLockConflict(IOException exception) =>
        exception.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    /// <summary>Creates and locks the lock file, writing this process's id into it.</summary>
    private static FileStream Open(string folder, string path)
    {
        FileStream file;
        try
        {
            Directory.CreateDirectory(folder);
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (IsLockConflict(exception))
        {
            throw DataFolderLockException.HeldElsewhere(folder, path, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw DataFolderLockException.Unusable(folder, path, exception);
        }

        try
        {
            WriteHolder(file);
        }
        catch (IOException exception)
        {
            file.Dispose();
            throw DataFolderLockException.Unusable(folder, path, exception);
        }

        return file;
    }

    /// <summary>Locks the lock file again when it was deleted while this process held it.</summary>
    private void Watch()
    {
        lock (_gate)
        {
            // The stream keeps the name it was opened with, also after the file was deleted.
            if (_held is not { Name: var path } || File.Exists(path))
            {
                return;
            }

            try
            {
                var replacement = Open(Path.GetDirectoryName(path)!, path);
                _held.Dispose();
                _held = replacement;
                Log.LockFileRecreated(logger, path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Another process took the folder in the moment the file was gone, or the folder went away. A timer
                // callback must not throw: that would end the process.
                Log.LockFileLost(logger, exception, path);
            }
        }
    }

    private static void WriteHolder(FileStream file)
    {
        var text = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
        file.SetLength(0);
        file.Write(System.Text.Encoding.ASCII.GetBytes(text));
        file.Flush();
    }
}
