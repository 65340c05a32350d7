using System.Buffers.Binary;
using Kwaf.Gateway.Decisions;

namespace Kwaf.Gateway.Edge.Spoe;

internal sealed partial class SpoeConnection
{
    /// <summary>
    /// Handles the whole frames at the start of <paramref name="data"/>, writing the replies to
    /// <paramref name="output"/>. A protocol error writes an AGENT-DISCONNECT after the replies so far and ends the
    /// connection.
    /// </summary>
    private Step Process(ReadOnlySpan<byte> data, Span<byte> output)
    {
        var consumed = 0;
        var written = 0;
        while (data.Length - consumed >= SpopFrames.LengthPrefix)
        {
            if (output.Length - written < SpopFrames.MaxReplyLength)
            {
                return new Step(consumed, written, Close: false, OutputFull: true);
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[consumed..]);
            if (length > _maxFrameSize)
            {
                var tooBig = new SpopProtocolException(
                    SpopStatus.FrameTooBig,
                    $"a frame of {length} bytes exceeds max-frame-size {_maxFrameSize}");
                return Fail(tooBig, consumed, written, output);
            }

            if (data.Length - consumed - SpopFrames.LengthPrefix < length)
            {
                break;
            }

            var frame = data.Slice(consumed + SpopFrames.LengthPrefix, (int)length);
            consumed += SpopFrames.LengthPrefix + (int)length;
            try
            {
                if (HandleFrame(frame, output[written..], ref written))
                {
                    return new Step(consumed, written, Close: true, OutputFull: false);
                }
            }
            catch (SpopProtocolException ex)
            {
                return Fail(ex, consumed, written, output);
            }
        }

        return new Step(consumed, written, Close: false, OutputFull: false);
    }

    private Step Fail(SpopProtocolException error, int consumed, int written, Span<byte> output)
    {
        _context.Counters.Error(error.Status);
        Log.ProtocolError(_context.Logger, _id, (int)error.Status, error.Message);
        written += SpopFrames.WriteAgentDisconnect(output[written..], error.Status, error.Message);
        return new Step(consumed, written, Close: true, OutputFull: false);
    }

    /// <summary>Handles one frame; true when the connection ends after the reply.</summary>
    private bool HandleFrame(ReadOnlySpan<byte> frame, Span<byte> output, ref int written)
    {
        _context.Counters.Frame();
        var reader = new SpopReader(frame);
        var header = SpopFrames.ReadHeader(ref reader);
        if (header.Type == SpopFrameType.Unset || !header.IsFinal)
        {
            throw new SpopProtocolException(
                SpopStatus.FragmentationNotSupported,
                "the agent does not accept fragmented frames");
        }

        if (!_greeted)
        {
            return header.Type == SpopFrameType.HaproxyHello
                ? Greet(ref reader, output, ref written)
                : throw new SpopProtocolException(
                    SpopStatus.InvalidFrame,
                    $"expected HAPROXY-HELLO first, got frame type {(int)header.Type}");
        }

        switch (header.Type)
        {
            case SpopFrameType.Notify:
                written += Answer(ref reader, header, output);
                return false;
            case SpopFrameType.HaproxyDisconnect:
                Log.HaproxyDisconnected(_context.Logger, _id, ReadStatus(ref reader));
                written += SpopFrames.WriteAgentDisconnect(output, SpopStatus.Normal, "bye");
                return true;
            case SpopFrameType.HaproxyHello:
                throw new SpopProtocolException(SpopStatus.InvalidFrame, "a second HAPROXY-HELLO");
            default:
                // SPOP lets a peer skip frame types it does not know.
                return false;
        }
    }

    private bool Greet(ref SpopReader reader, Span<byte> output, ref int written)
    {
        var hello = SpoeHello.Read(ref reader);
        _maxFrameSize = Math.Min(_maxFrameSize, hello.MaxFrameSize);
        _greeted = true;
        written += SpopFrames.WriteAgentHello(output, _maxFrameSize);
        if (hello.Healthcheck)
        {
            _context.Counters.Healthcheck();
            return true;
        }

        Log.Greeted(_context.Logger, _id, _maxFrameSize, hello.Pipelining);
        return false;
    }

    private int Answer(ref SpopReader reader, SpopFrameHeader header, Span<byte> output)
    {
        var request = SpoeCheckRequest.Read(ref reader);
        ClientVerdict? verdict = null;
        if (request.Found && (request.CanonicalIp is not null || request.UserId is not null))
        {
            var context = _context;
            var answer = ClientCheck.Decide(
                context.Cache,
                context.Allowlist,
                request.CanonicalIp,
                request.UserId,
                context.Time.GetUtcNow());
            context.Counters.Checked(answer.KindName);
            verdict = answer;
        }

        // No client to check (no kwaf-check message, or neither ip nor user): no variables, so the proxy allows.
        return SpopFrames.WriteAck(output, header.StreamId, header.FrameId, verdict);
    }

    private static long ReadStatus(ref SpopReader reader)
    {
        while (!reader.End)
        {
            var name = reader.ReadString();
            var value = reader.ReadValue();
            if (name.SequenceEqual("status-code"u8))
            {
                return (long)Math.Min(value.Integer, long.MaxValue);
            }
        }

        return -1;
    }
}
