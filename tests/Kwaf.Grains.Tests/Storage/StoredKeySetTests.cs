using Kwaf.Grains.Storage;

namespace Kwaf.Grains.Tests.Storage;

public sealed class StoredKeySetTests
{
    [Fact]
    public void MayContain_Empty_IsFalse()
    {
        var keys = new StoredKeySet();

        Assert.False(keys.MayContain("clientIp", "ip:192.0.2.1"));
    }

    [Fact]
    public void MayContain_Added_IsTrue()
    {
        var keys = new StoredKeySet();

        keys.Add("clientIp", "ip:192.0.2.1");

        Assert.True(keys.MayContain("clientIp", "ip:192.0.2.1"));
        Assert.False(keys.MayContain("clientIp", "ip:192.0.2.2"));
    }

    [Fact]
    public void MayContain_SameKeyUnderAnotherStateName_IsFalse()
    {
        var keys = new StoredKeySet();

        keys.Add("clientIp", "ip:192.0.2.1");

        Assert.False(keys.MayContain("user", "ip:192.0.2.1"));
    }

    [Fact]
    public void MayContain_NameAndKeySplitDifferently_IsFalse()
    {
        var keys = new StoredKeySet();

        keys.Add("ab", "c");

        Assert.False(keys.MayContain("a", "bc"));
    }

    [Fact]
    public void Add_LongAndNonAsciiKeys_AreFoundAgain()
    {
        var keys = new StoredKeySet();
        var longKey = "user:" + new string('x', 2000);

        keys.Add("user", longKey);
        keys.Add("user", "user:zoë");

        Assert.True(keys.MayContain("user", longKey));
        Assert.True(keys.MayContain("user", "user:zoë"));
        Assert.False(keys.MayContain("user", "user:zoe"));
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public void Add_FromManyThreads_KeepsEveryKey()
    {
        var keys = new StoredKeySet();

        Parallel.For(0, 10_000, i => keys.Add("clientIp", $"ip:10.0.{i / 256}.{i % 256}"));

        Assert.Equal(10_000, keys.Count);
        Assert.All(
            Enumerable.Range(0, 10_000),
            i => Assert.True(keys.MayContain("clientIp", $"ip:10.0.{i / 256}.{i % 256}")));
    }
}
