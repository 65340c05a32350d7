using System.Text;
using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Tests.Syslog;

public sealed class SyslogFrameDecoderTests
{
    [Fact]
    public void Next_OctetCounted_ReturnsEachFrame()
    {
        var frames = Decode(64, "5 <1>ab6 <2>cde");

        Assert.Equal(["<1>ab", "<2>cde"], frames);
    }

    [Fact]
    public void Next_NewlineFramed_ReturnsEachLineWithoutCrLf()
    {
        var frames = Decode(64, "<1>ab\r\n<2>cde\n\n");

        Assert.Equal(["<1>ab", "<2>cde"], frames);
    }

    [Fact]
    public void Next_MixedFraming_DecidesPerMessage()
    {
        var frames = Decode(64, "<1>line one\n8 <2>count<3>line two\n");

        Assert.Equal(["<1>line one", "<2>count", "<3>line two"], frames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Next_SplitAcrossReads_ReturnsTheSameFrames(int chunk)
    {
        var frames = Decode(64, "11 <1>counted!<2>line with words\n12 <3>counted!!", chunk);

        Assert.Equal(["<1>counted!", "<2>line with words", "<3>counted!!"], frames);
    }

    [Fact]
    public void Next_OversizedOctetCountedFrame_IsSkippedByItsLengthAndTheNextFrameIsRead()
    {
        var big = new string('x', 100);

        var frames = Decode(32, $"100 {big}5 <1>ok", chunk: 9);

        Assert.Equal(["oversized", "<1>ok"], frames);
    }

    [Fact]
    public void Next_OversizedLine_IsSkippedToTheLineEnd()
    {
        var big = "<1>" + new string('x', 100);

        var frames = Decode(32, big + "\n<2>ok\n", chunk: 10);

        Assert.Equal(["oversized", "<2>ok"], frames);
    }

    [Fact]
    public void Next_LineExactlyAtTheLimit_IsAFrame()
    {
        var line = "<1>" + new string('x', 29);

        var frames = Decode(32, line + "\n", chunk: 5);

        Assert.Equal([line], frames);
    }

    [Fact]
    public void Next_BadOctetCount_ResynchronizesAtTheNextLine()
    {
        var frames = Decode(64, "12x <1>junk\n<2>ok\n");

        Assert.Equal(["bad length", "<2>ok"], frames);
    }

    [Fact]
    public void Next_PartialFrame_NeedsMore()
    {
        using var decoder = new SyslogFrameDecoder(64);
        Feed(decoder, "10 <1>abc");

        var kind = decoder.Next(out _);

        Assert.Equal(SyslogFrameKind.NeedMore, kind);
    }

    private static List<string> Decode(int maxMessageBytes, string stream, int chunk = int.MaxValue)
    {
        using var decoder = new SyslogFrameDecoder(maxMessageBytes);
        var frames = new List<string>();
        var bytes = Encoding.ASCII.GetBytes(stream);
        for (var at = 0; at < bytes.Length;)
        {
            var space = decoder.FreeSpace();
            var n = Math.Min(Math.Min(chunk, space.Length), bytes.Length - at);
            bytes.AsSpan(at, n).CopyTo(space.Span);
            decoder.Advance(n);
            at += n;
            Collect(decoder, frames);
        }

        return frames;
    }

    private static void Collect(SyslogFrameDecoder decoder, List<string> frames)
    {
        while (true)
        {
            switch (decoder.Next(out var frame))
            {
                case SyslogFrameKind.Frame:
                    frames.Add(Encoding.ASCII.GetString(frame));
                    break;
                case SyslogFrameKind.Oversized:
                    frames.Add("oversized");
                    break;
                case SyslogFrameKind.BadLength:
                    frames.Add("bad length");
                    break;
                default:
                    return;
            }
        }
    }

    private static void Feed(SyslogFrameDecoder decoder, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes.CopyTo(decoder.FreeSpace().Span);
        decoder.Advance(bytes.Length);
    }
}
