using System.Buffers.Binary;
using System.Net;
using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>
/// Frames as HAProxy sends them, built byte by byte for the tests, and readers of the agent's replies into plain
/// dictionaries.
/// </summary>
internal static class TestFrames
{
    public delegate void Payload(ref SpopWriter writer);

    /// <summary>A frame with its 4-byte length prefix.</summary>
    public static byte[] Frame(SpopFrameType type, uint flags, ulong streamId, ulong frameId, Payload payload)
    {
        var buffer = new byte[4096];
        var writer = new SpopWriter(buffer);
        writer.WriteUInt32BigEndian(0);
        writer.WriteByte((byte)type);
        writer.WriteUInt32BigEndian(flags);
        writer.WriteVarint(streamId);
        writer.WriteVarint(frameId);
        payload(ref writer);
        writer.PatchUInt32BigEndian(0, (uint)(writer.Written - 4));
        return buffer.AsSpan(0, writer.Written).ToArray();
    }

    public static byte[] Hello(
        uint maxFrameSize = 16380,
        string versions = "2.0",
        string capabilities = "pipelining,async",
        bool healthcheck = false) =>
        Frame(SpopFrameType.HaproxyHello, SpopFrames.FinFlag, 0, 0, (ref SpopWriter writer) =>
        {
            writer.WriteString("supported-versions");
            writer.WriteTypedString(versions);
            writer.WriteString("max-frame-size");
            writer.WriteTypedUInt32(maxFrameSize);
            writer.WriteString("capabilities");
            writer.WriteTypedString(capabilities);
            if (healthcheck)
            {
                writer.WriteString("healthcheck");
                writer.WriteTypedBoolean(true);
            }

            writer.WriteString("engine-id");
            writer.WriteTypedString("F2B0C8A1-test");
        });

    /// <summary>A NOTIFY with one kwaf-check message: ip as IPv4/IPv6 typed data, user as a string or null.</summary>
    public static byte[] Notify(
        ulong streamId,
        ulong frameId,
        string ip,
        string? user,
        uint flags = SpopFrames.FinFlag) =>
        Frame(SpopFrameType.Notify, flags, streamId, frameId, (ref SpopWriter writer) =>
        {
            writer.WriteString(SpoeCheckRequest.MessageName);
            writer.WriteByte(2);
            writer.WriteString("ip");
            WriteAddress(ref writer, IPAddress.Parse(ip));
            writer.WriteString("user");
            if (user is null)
            {
                writer.WriteByte((byte)SpopDataType.Null);
            }
            else
            {
                writer.WriteTypedString(user);
            }
        });

    public static byte[] Disconnect() =>
        Frame(SpopFrameType.HaproxyDisconnect, SpopFrames.FinFlag, 0, 0, static (ref SpopWriter writer) =>
        {
            writer.WriteString("status-code");
            writer.WriteTypedUInt32(0);
            writer.WriteString("message");
            writer.WriteTypedString("normal");
        });

    public static void WriteAddress(ref SpopWriter writer, IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        writer.WriteByte((byte)(bytes.Length == 4 ? SpopDataType.Ipv4 : SpopDataType.Ipv6));
        foreach (var value in bytes)
        {
            writer.WriteByte(value);
        }
    }

    /// <summary>Splits a frame (without its length prefix) into its head and payload.</summary>
    public static (SpopFrameHeader Header, byte[] Payload) Split(byte[] frame)
    {
        var reader = new SpopReader(frame);
        var header = SpopFrames.ReadHeader(ref reader);
        var headLength = 5 + SpopVarint.SizeOf(header.StreamId) + SpopVarint.SizeOf(header.FrameId);
        return (header, frame[headLength..]);
    }

    /// <summary>A KV-LIST as names to strings, integers or booleans.</summary>
    public static Dictionary<string, object?> ReadKvList(byte[] payload)
    {
        var items = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new SpopReader(payload);
        while (!reader.End)
        {
            var name = System.Text.Encoding.UTF8.GetString(reader.ReadString());
            items[name] = Plain(reader.ReadValue());
        }

        return items;
    }

    /// <summary>The set-var actions of an ACK as "scope:name" to value.</summary>
    public static Dictionary<string, object?> ReadSetVars(byte[] payload)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        var reader = new SpopReader(payload);
        while (!reader.End)
        {
            var action = reader.ReadByte();
            var count = reader.ReadByte();
            Assert.True(action == 1 && count == 3, $"expected set-var with 3 arguments, got {action}/{count}");
            var scope = reader.ReadByte();
            var name = System.Text.Encoding.UTF8.GetString(reader.ReadString());
            variables[$"{scope}:{name}"] = Plain(reader.ReadValue());
        }

        return variables;
    }

    public static uint LengthOf(ReadOnlySpan<byte> prefix) => BinaryPrimitives.ReadUInt32BigEndian(prefix);

    private static object? Plain(SpopValue value) => value.Type switch
    {
        SpopDataType.Null => null,
        SpopDataType.Boolean => value.Boolean,
        SpopDataType.String => System.Text.Encoding.UTF8.GetString(value.Bytes),
        SpopDataType.Ipv4 or SpopDataType.Ipv6 => new IPAddress(value.Bytes).ToString(),
        SpopDataType.Binary => value.Bytes.ToArray(),
        _ => value.Integer,
    };
}
