using Kwaf.Gateway.Decisions;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// Builds the frames the agent sends, each with its 4-byte length prefix, and reads the fixed head of a frame.
/// </summary>
internal static class SpopFrames
{
    /// <summary>The FIN flag: the frame carries a whole payload (the agent never fragments).</summary>
    public const uint FinFlag = 1;

    /// <summary>The bytes of the length that prefixes every frame.</summary>
    public const int LengthPrefix = 4;

    /// <summary>Room enough for any frame the agent sends (the longest is a DISCONNECT with its message).</summary>
    public const int MaxReplyLength = 512;

    /// <summary>The SPOP version the agent speaks.</summary>
    public const string Version = "2.0";

    /// <summary>What the agent announces: pipelining only (no async, no fragmentation).</summary>
    public const string Capabilities = "pipelining";

    /// <summary>Reads the type, flags, stream id and frame id that open every frame.</summary>
    public static SpopFrameHeader ReadHeader(ref SpopReader reader)
    {
        var type = (SpopFrameType)reader.ReadByte();
        var flags = reader.ReadUInt32BigEndian();
        var streamId = reader.ReadVarint();
        var frameId = reader.ReadVarint();
        return new SpopFrameHeader(type, flags, streamId, frameId);
    }

    /// <summary>AGENT-HELLO: version, the agreed max-frame-size and the agent's capabilities.</summary>
    public static int WriteAgentHello(Span<byte> destination, uint maxFrameSize)
    {
        var writer = Begin(destination, SpopFrameType.AgentHello, 0, 0);
        writer.WriteString("version");
        writer.WriteTypedString(Version);
        writer.WriteString("max-frame-size");
        writer.WriteTypedUInt32(maxFrameSize);
        writer.WriteString("capabilities");
        writer.WriteTypedString(Capabilities);
        return End(ref writer);
    }

    /// <summary>AGENT-DISCONNECT with a status code and a message, after which the agent closes.</summary>
    public static int WriteAgentDisconnect(Span<byte> destination, SpopStatus status, string message)
    {
        // Messages come from this agent's own texts; the bound keeps any of them inside MaxReplyLength.
        var text = message.Length > 200 ? message[..200] : message;
        var writer = Begin(destination, SpopFrameType.AgentDisconnect, 0, 0);
        writer.WriteString("status-code");
        writer.WriteTypedUInt32((uint)status);
        writer.WriteString("message");
        writer.WriteTypedString(text);
        return End(ref writer);
    }

    /// <summary>
    /// ACK for a NOTIFY: set-var actions in the transaction scope, named without the prefix HAProxy adds
    /// (<c>option var-prefix kwaf</c> turns <c>decision</c> into <c>txn.kwaf.decision</c>). No verdict (the NOTIFY
    /// carried no kwaf-check message) gives an ACK without actions.
    /// </summary>
    public static int WriteAck(Span<byte> destination, ulong streamId, ulong frameId, ClientVerdict? verdict)
    {
        var writer = Begin(destination, SpopFrameType.Ack, streamId, frameId);
        if (verdict is { } answer)
        {
            WriteSetVar(ref writer, "decision");
            writer.WriteTypedString(answer.KindName);
            WriteSetVar(ref writer, "score");
            writer.WriteTypedUInt32((uint)Math.Clamp(answer.Score, 0, 100));
            if (answer.RetryAfterSeconds > 0)
            {
                WriteSetVar(ref writer, "retry_after");
                writer.WriteTypedUInt32((uint)Math.Min(answer.RetryAfterSeconds, uint.MaxValue));
            }
        }

        return End(ref writer);
    }

    private static void WriteSetVar(ref SpopWriter writer, string name)
    {
        const byte SetVar = 1;
        const byte ArgumentCount = 3;
        const byte TransactionScope = 2;
        writer.WriteByte(SetVar);
        writer.WriteByte(ArgumentCount);
        writer.WriteByte(TransactionScope);
        writer.WriteString(name);
    }

    private static SpopWriter Begin(Span<byte> destination, SpopFrameType type, ulong streamId, ulong frameId)
    {
        var writer = new SpopWriter(destination);
        writer.WriteUInt32BigEndian(0);
        writer.WriteByte((byte)type);
        writer.WriteUInt32BigEndian(FinFlag);
        writer.WriteVarint(streamId);
        writer.WriteVarint(frameId);
        return writer;
    }

    private static int End(ref SpopWriter writer)
    {
        writer.PatchUInt32BigEndian(0, (uint)(writer.Written - LengthPrefix));
        return writer.Written;
    }
}
