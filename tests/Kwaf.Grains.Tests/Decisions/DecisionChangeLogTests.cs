using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed class DecisionChangeLogTests
{
    private static DecisionChange Change(long version) => new(version, "ip:192.0.2.1", null, DecisionOrigin.Policy);

    [Fact]
    public void TryGetSince_VersionInLog_ReturnsLaterChanges()
    {
        var log = new DecisionChangeLog(capacity: 10);
        log.Reset(4);
        log.Append(Change(5));
        log.Append(Change(6));
        log.Append(Change(7));

        var found = log.TryGetSince(5, out var changes);

        Assert.True(found);
        Assert.Equal([Change(6), Change(7)], changes);
    }

    [Fact]
    public void TryGetSince_VersionDroppedFromFullLog_ReturnsFalse()
    {
        var log = new DecisionChangeLog(capacity: 2);
        log.Reset(0);
        log.Append(Change(1));
        log.Append(Change(2));
        log.Append(Change(3));

        var tooOld = log.TryGetSince(0, out _);
        var oldestKept = log.TryGetSince(1, out var changes);

        Assert.False(tooOld);
        Assert.True(oldestKept);
        Assert.Equal([Change(2), Change(3)], changes);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public void TryGetSince_VersionOutsideLog_ReturnsFalse(long since)
    {
        var log = new DecisionChangeLog(capacity: 10);
        log.Reset(4);
        log.Append(Change(5));

        var found = log.TryGetSince(since, out var changes);

        Assert.False(found);
        Assert.Empty(changes);
    }

    [Fact]
    public void TryGetSince_CurrentVersion_ReturnsEmpty()
    {
        var log = new DecisionChangeLog(capacity: 10);
        log.Reset(4);
        log.Append(Change(5));

        var found = log.TryGetSince(5, out var changes);

        Assert.True(found);
        Assert.Empty(changes);
    }
}
