using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpopVarintTests
{
    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(239UL, 1)]
    [InlineData(240UL, 2)]
    [InlineData(2287UL, 2)]
    [InlineData(2288UL, 3)]
    [InlineData(264431UL, 3)]
    [InlineData(264432UL, 4)]
    [InlineData(33818863UL, 4)]
    [InlineData(33818864UL, 5)]
    [InlineData(4328786159UL, 5)]
    [InlineData(4328786160UL, 6)]
    [InlineData(ulong.MaxValue, 10)]
    public void Write_RangeBoundary_TakesDocumentedBytesAndReadsBack(ulong value, int expectedLength)
    {
        var buffer = new byte[SpopVarint.MaxLength];

        var written = SpopVarint.Write(buffer, value);
        var read = SpopVarint.TryRead(buffer.AsSpan(0, written), out var decoded, out var consumed);

        Assert.Equal(expectedLength, written);
        Assert.Equal(expectedLength, SpopVarint.SizeOf(value));
        Assert.True(read, $"varint {value} did not read back");
        Assert.Equal(value, decoded);
        Assert.Equal(written, consumed);
    }

    [Theory]
    [InlineData(16380UL, new byte[] { 0xFC, 0xF0, 0x06 })]
    [InlineData(240UL, new byte[] { 0xF0, 0x00 })]
    [InlineData(2288UL, new byte[] { 0xF0, 0x80, 0x00 })]
    public void Write_KnownValue_MatchesHaproxyBytes(ulong value, byte[] expected)
    {
        var buffer = new byte[SpopVarint.MaxLength];

        var written = SpopVarint.Write(buffer, value);

        Assert.Equal(expected, buffer.AsSpan(0, written).ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xF0 })]
    [InlineData(new byte[] { 0xF0, 0x80 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00 })]
    public void TryRead_TruncatedOrOverlong_Fails(byte[] bytes)
    {
        var read = SpopVarint.TryRead(bytes, out _, out _);

        Assert.False(read);
    }

    [Fact]
    public void Write_NoRoom_WritesNothing()
    {
        var buffer = new byte[2];

        var written = SpopVarint.Write(buffer, 2288);

        Assert.Equal(0, written);
    }
}
