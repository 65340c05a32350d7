using System.Buffers.Binary;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// Reads the parts of one SPOP frame in order. Every read checks the bounds and throws
/// <see cref="SpopProtocolException"/> (invalid frame) on a frame that ends too early or holds an unknown type.
/// </summary>
internal ref struct SpopReader
{
    private readonly ReadOnlySpan<byte> _frame;
    private int _position;

    public SpopReader(ReadOnlySpan<byte> frame)
    {
        _frame = frame;
    }

    public readonly bool End => _position >= _frame.Length;

    public byte ReadByte()
    {
        if (_position >= _frame.Length)
        {
            throw Truncated("a byte");
        }

        return _frame[_position++];
    }

    public uint ReadUInt32BigEndian()
    {
        var bytes = ReadBytes(4, "a 32-bit field");
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public ulong ReadVarint()
    {
        if (!SpopVarint.TryRead(_frame[_position..], out var value, out var consumed))
        {
            throw Truncated("a variable-length integer");
        }

        _position += consumed;
        return value;
    }

    /// <summary>A length-prefixed string, as its UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadVarint();
        if (length > (ulong)(_frame.Length - _position))
        {
            throw Truncated("a string");
        }

        return ReadBytes((int)length, "a string");
    }

    public SpopValue ReadValue()
    {
        var first = ReadByte();
        var type = (SpopDataType)(first & SpopValue.TypeMask);
        return type switch
        {
            SpopDataType.Null => new SpopValue(type, 0, default),
            SpopDataType.Boolean => new SpopValue(type, (first & SpopValue.TrueFlag) != 0 ? 1UL : 0UL, default),
            SpopDataType.Int32 or SpopDataType.UInt32 or SpopDataType.Int64 or SpopDataType.UInt64 =>
                new SpopValue(type, ReadVarint(), default),
            SpopDataType.Ipv4 => new SpopValue(type, 0, ReadBytes(4, "an IPv4 address")),
            SpopDataType.Ipv6 => new SpopValue(type, 0, ReadBytes(16, "an IPv6 address")),
            SpopDataType.String or SpopDataType.Binary => new SpopValue(type, 0, ReadString()),
            _ => throw new SpopProtocolException(
                SpopStatus.InvalidFrame,
                $"unknown data type {(int)type} at offset {_position - 1}"),
        };
    }

    private ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (count > _frame.Length - _position)
        {
            throw Truncated(what);
        }

        var bytes = _frame.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private readonly SpopProtocolException Truncated(string what) =>
        new(SpopStatus.InvalidFrame, $"frame ends inside {what} at offset {_position}");
}
