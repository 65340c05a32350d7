using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Tests.Ingestion.Text;

public sealed class RecentMemoTests
{
    [Fact]
    public void TryGet_AfterRemember_GivesTheValueForEqualText()
    {
        var memo = new RecentMemo<int>(16, 64);
        memo.Remember("Mozilla/5.0", 7);

        // An equal string from another allocation finds it: the key is compared by content.
        var found = memo.TryGet(new string("Mozilla/5.0".AsSpan()), out var value);

        Assert.True(found);
        Assert.Equal(7, value);
    }

    [Fact]
    public void TryGet_NeverRemembered_Misses()
    {
        var memo = new RecentMemo<int>(16, 64);
        memo.Remember("a", 1);

        Assert.False(memo.TryGet("b", out _));
    }

    [Fact]
    public void Remember_LongerThanTheLimit_NotKept()
    {
        var memo = new RecentMemo<int>(16, 8);
        memo.Remember("123456789", 1);
        memo.Remember("12345678", 2);

        Assert.False(memo.TryGet("123456789", out _));
        Assert.True(memo.TryGet("12345678", out _));
    }

    [Fact]
    public void Remember_ManyMoreTextsThanSlots_KeepsAtMostOnePerSlot()
    {
        var memo = new RecentMemo<int>(4, 64);
        for (var i = 0; i < 1_000; i++)
        {
            memo.Remember("text-" + i, i);
        }

        var kept = Enumerable.Range(0, 1_000).Count(i => memo.TryGet("text-" + i, out var v) && v == i);

        Assert.InRange(kept, 1, 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void Constructor_SlotsNotAPowerOfTwo_Throws(int slots)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentMemo<int>(slots, 64));
    }
}
