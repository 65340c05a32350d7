using System.Globalization;
using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Hosting;

public sealed class DataFolderLockTests : IDisposable
{
    private readonly string _folder =
        Path.Combine(Path.GetTempPath(), "kwaf-lock-tests-" + Guid.NewGuid().ToString("N"));

    private readonly FakeTimeProvider _time = new();

    private string LockFile => Path.Combine(_folder, DataFolderLock.FileName);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Acquire_FolderHeldByAnotherLock_FailsAsInUseNamingTheFolder()
    {
        using var first = NewLock();
        using var second = NewLock();
        first.Acquire(_folder);

        var refused = Assert.Throws<DataFolderLockException>(() => second.Acquire(_folder));

        Assert.True(refused.InUse);
        Assert.Equal(_folder, refused.Folder);
        Assert.Contains("in use by another kwaf process", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Kwaf:Storage:DataPath", refused.Message, StringComparison.Ordinal);
        Assert.False(second.IsHeld);
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        using var first = NewLock();
        using var second = NewLock();
        first.Acquire(_folder);

        first.Release();
        second.Acquire(_folder);

        Assert.False(first.IsHeld);
        Assert.True(second.IsHeld);
    }

    [Fact]
    public void Acquire_WritesTheProcessIdAndCreatesTheFolder()
    {
        using var folderLock = NewLock();

        folderLock.Acquire(_folder);
        folderLock.Acquire(_folder);
        folderLock.Release();

        AssertLockFileHoldsThisProcess();
    }

    [Fact]
    public void Acquire_LockFileLeftWithOtherContent_TakesItOver()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(LockFile, "garbage that is much longer than a pid\n");
        using var folderLock = NewLock();

        folderLock.Acquire(_folder);
        folderLock.Release();

        AssertLockFileHoldsThisProcess();
    }

    [Fact]
    public void Acquire_LockFileIsAFolder_FailsAsUnusableNotInUse()
    {
        Directory.CreateDirectory(LockFile);
        using var folderLock = NewLock();

        var refused = Assert.Throws<DataFolderLockException>(() => folderLock.Acquire(_folder));

        Assert.False(refused.InUse);
        Assert.Contains("cannot be used", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("another kwaf process", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acquire_DataPathIsAFile_FailsAsUnusable()
    {
        File.WriteAllText(_folder, "not a folder");
        using var folderLock = NewLock();

        try
        {
            var refused = Assert.Throws<DataFolderLockException>(() => folderLock.Acquire(_folder));

            Assert.False(refused.InUse);
            Assert.Equal(_folder, refused.Folder);
        }
        finally
        {
            File.Delete(_folder);
        }
    }

    [Fact]
    public void Watch_LockFileDeletedWhileHeld_LocksItAgainSoASecondLockFails()
    {
        using var holder = NewLock();
        using var second = NewLock();
        holder.Acquire(_folder);
        File.Delete(LockFile);

        _time.Advance(DataFolderLock.WatchInterval);
        var refused = Assert.Throws<DataFolderLockException>(() => second.Acquire(_folder));

        Assert.True(File.Exists(LockFile));
        Assert.True(refused.InUse);
        Assert.True(holder.IsHeld);
    }

    [Fact]
    public void Watch_AfterRelease_LeavesADeletedLockFileAlone()
    {
        using var holder = NewLock();
        holder.Acquire(_folder);
        holder.Release();
        File.Delete(LockFile);

        _time.Advance(DataFolderLock.WatchInterval * 3);

        Assert.False(File.Exists(LockFile));
    }

    private DataFolderLock NewLock() => new(_time, NullLogger<DataFolderLock>.Instance);

    private void AssertLockFileHoldsThisProcess() =>
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", File.ReadAllText(LockFile));
}
