using System.Buffers.Binary;
using System.Text;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// Writes the parts of SPOP frames into a buffer. The frames the agent sends are small and bounded, so running out of
/// room is a defect of the caller's sizing and throws <see cref="InvalidOperationException"/>.
/// </summary>
internal ref struct SpopWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public SpopWriter(Span<byte> buffer)
    {
        _buffer = buffer;
    }

    public readonly int Written => _position;

    public void WriteByte(byte value)
    {
        Room(1)[0] = value;
        _position++;
    }

    public void WriteUInt32BigEndian(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Room(4), value);
        _position += 4;
    }

    /// <summary>Overwrites four bytes at <paramref name="offset"/>: the length prefix, once a frame is done.</summary>
    public readonly void PatchUInt32BigEndian(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(offset, 4), value);

    public void WriteVarint(ulong value)
    {
        var written = SpopVarint.Write(_buffer[_position..], value);
        if (written == 0)
        {
            throw Full();
        }

        _position += written;
    }

    /// <summary>A length-prefixed UTF-8 string (names, without a type byte).</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, Room(length));
        _position += length;
    }

    public void WriteTypedString(string value)
    {
        WriteByte((byte)SpopDataType.String);
        WriteString(value);
    }

    public void WriteTypedUInt32(uint value)
    {
        WriteByte((byte)SpopDataType.UInt32);
        WriteVarint(value);
    }

    public void WriteTypedBoolean(bool value) =>
        WriteByte((byte)((byte)SpopDataType.Boolean | (value ? SpopValue.TrueFlag : 0)));

    private readonly Span<byte> Room(int count) =>
        count <= _buffer.Length - _position ? _buffer.Slice(_position, count) : throw Full();

    private readonly InvalidOperationException Full() =>
        new($"An SPOP frame does not fit its {_buffer.Length}-byte buffer at offset {_position}.");
}
