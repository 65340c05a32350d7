using System.Text;
using CsCheck;
using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// The syslog header parser on RFC 3164 and RFC 5424 messages and their mutations, and the TCP frame decoder on
/// streams of octet-counted and newline-framed messages split at random points: nothing throws, every refusal has a
/// reason, the decoder yields exactly the messages that were sent (oversized ones reported once), and it always has
/// room to read into.
/// </summary>
public sealed class SyslogPropertyTests
{
    /// <summary>"OVERSIZED" in hex: what the decoding helper records for a frame reported oversized.</summary>
    private const string OversizedMark = "4F56455253495A4544";

    private static readonly Gen<string> Message = Gen.Select(
        Gen.Int[0, 200],
        Gen.OneOfConst("Dec  4 20:00:00 web1 nginx: ", "haproxy[812]: ", "1 2026-12-04T20:00:00Z web1 nginx - - - ",
            "1 - - - - - [x a=\"b\\]\"] \uFEFF", "1 2026-12-04T20:00:00Z h a p m [bad ", "Dec 32 99:99:99 ", ""),
        Gen.OneOf(EventGen.Object, Gen.String[0, 40]),
        static (priority, header, body) => $"<{priority}>{header}{body}");

    /// <summary>A frame to send: its content, and whether it is octet-counted (else it ends at a line feed).</summary>
    private static readonly Gen<(byte[] Content, bool Counted)> Frame = Gen.OneOf(
        Gen.Byte.Array[1, 260].Select(static bytes => (bytes, true)),
        Gen.Byte[(byte)33, (byte)126].Array[0, 260].Select(static bytes => ((byte[])[(byte)'<', .. bytes], false)));

    [Fact]
    public Task TryReadBody_MutatedMessage_BodyInsideMessageOrReason() =>
        Fuzz.SampleAsync(Fuzz.Mutated(Message), static message =>
        {
            if (!SyslogHeaderParser.TryReadBody(message, out var body, out var format, out var reason))
            {
                return !string.IsNullOrWhiteSpace(reason);
            }

            return Enum.IsDefined(format) && body.Length <= message.Length
                && message.AsSpan().IndexOf(body) >= 0;
        }, 3000);

    [Fact]
    public Task Next_FramesSplitAnywhere_YieldsExactlyTheFramesSent() =>
        Fuzz.SampleAsync(
            Gen.Select(Frame.Array[0, 12], Gen.Int[1, 97].Array[1, 40], Gen.Int[64, 200]),
            static sample => DecodesExactly(sample.Item1, sample.Item2, sample.Item3),
            1500);

    [Fact]
    public Task Next_AnyBytes_NeverThrowsAndFramesStayWithinLimit() =>
        Fuzz.SampleAsync(
            Gen.Select(Gen.Byte.Array[0, 2000], Gen.Int[1, 300].Array[1, 20]),
            static sample => Decode(sample.Item1, sample.Item2, 100).All(static f => f.Length <= 100),
            1500);

    private static bool DecodesExactly((byte[] Content, bool Counted)[] frames, int[] chunks, int max)
    {
        var stream = new List<byte>();
        var expected = new List<string>();
        foreach (var (content, counted) in frames)
        {
            stream.AddRange(counted ? Encoding.ASCII.GetBytes($"{content.Length} ") : []);
            stream.AddRange(content);
            stream.AddRange(counted ? [] : "\n"u8.ToArray());
            expected.Add(content.Length > max ? "oversized" : Convert.ToHexString(content));
        }

        var actual = Decode([.. stream], chunks, max, oversized: true).Select(Convert.ToHexString).ToList();
        return expected.SequenceEqual(actual.Select(static a => a == OversizedMark ? "oversized" : a));
    }

    private static List<byte[]> Decode(byte[] stream, int[] chunks, int max, bool oversized = false)
    {
        using var decoder = new SyslogFrameDecoder(max);
        var frames = new List<byte[]>();
        var offset = 0;
        for (var i = 0; offset < stream.Length; i++)
        {
            var room = decoder.FreeSpace();
            Assert.False(room.IsEmpty, "the decoder has no room to read into");
            var count = Math.Min(Math.Min(chunks[i % chunks.Length], room.Length), stream.Length - offset);
            stream.AsSpan(offset, count).CopyTo(room.Span);
            decoder.Advance(count);
            offset += count;
            Drain(decoder, frames, oversized);
        }

        return frames;
    }

    private static void Drain(SyslogFrameDecoder decoder, List<byte[]> frames, bool oversized)
    {
        while (true)
        {
            var kind = decoder.Next(out var frame);
            switch (kind)
            {
                case SyslogFrameKind.NeedMore:
                    return;
                case SyslogFrameKind.Frame:
                    frames.Add(frame.ToArray());
                    break;
                case SyslogFrameKind.Oversized when oversized:
                    frames.Add("OVERSIZED"u8.ToArray());
                    break;
                default:
                    break;
            }
        }
    }
}
