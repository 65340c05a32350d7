using System.Text;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Tests.Ingestion.Text;

public sealed class Utf8StringPoolTests
{
    [Fact]
    public void Decode_SameBytesAgain_SameStringInstance()
    {
        var pool = new Utf8StringPool();

        var first = pool.Decode("curl/8.5.0"u8, InvalidBytePolicy.Replace, out _);
        var second = pool.Decode(Encoding.UTF8.GetBytes("curl/8.5.0"), InvalidBytePolicy.Replace, out _);

        Assert.Equal("curl/8.5.0", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Decode_InvalidBytes_DecodedByThePolicyAndReportedEveryTime()
    {
        var pool = new Utf8StringPool();
        byte[] bytes = [(byte)'/', (byte)'a', 0xFF];

        var escaped = pool.Decode(bytes, InvalidBytePolicy.PercentEscape, out var firstInvalid);
        var again = pool.Decode(bytes, InvalidBytePolicy.PercentEscape, out var secondInvalid);
        var replaced = pool.Decode(bytes, InvalidBytePolicy.Replace, out var replacedInvalid);

        // The policy is part of the key: the same bytes under another policy are decoded afresh.
        Assert.Equal("/a%FF", escaped);
        Assert.Same(escaped, again);
        Assert.Equal("/a\uFFFD", replaced);
        Assert.True(firstInvalid && secondInvalid && replacedInvalid);
    }

    [Fact]
    public void Decode_LongerThanTheLimit_DecodedButNotKept()
    {
        var pool = new Utf8StringPool();
        var bytes = Encoding.UTF8.GetBytes(new string('a', Utf8StringPool.MaxBytes + 1));

        var first = pool.Decode(bytes, InvalidBytePolicy.Replace, out _);
        var second = pool.Decode(bytes, InvalidBytePolicy.Replace, out _);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }
}
