using System.Buffers;
using Kwaf.Gateway.Events;

namespace Kwaf.Gateway.Tests.Api;

public sealed class RentedBodyTests
{
    [Fact]
    public void CopyOf_SequenceOfSeveralSegments_HoldsExactlyItsBytes()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();

        using var body = RentedBody.CopyOf(SequenceOf(bytes, segmentLength: 4096));

        // A rented array may be longer than asked: the body is the copied bytes and nothing after them.
        Assert.Equal(bytes, body.Memory.ToArray());
    }

    [Fact]
    public void Memory_AfterDispose_Throws()
    {
        var body = RentedBody.CopyOf(new ReadOnlySequence<byte>([1, 2, 3]));

        body.Dispose();
        body.Dispose();

        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }

    private static ReadOnlySequence<byte> SequenceOf(byte[] bytes, int segmentLength)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentLength)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset));
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
