namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// A typed value read from a frame, pointing into the frame's bytes: valid only while the frame buffer is.
/// </summary>
internal readonly ref struct SpopValue
{
    /// <summary>
    /// The type sits in the low four bits of a value's first byte and the flags in the high four, as HAProxy encodes
    /// them (the drawing in SPOE.txt lists them the other way round).
    /// </summary>
    public const byte TypeMask = 0x0F;

    /// <summary>The flag that makes a boolean true.</summary>
    public const byte TrueFlag = 0x10;

    public SpopValue(SpopDataType type, ulong integer, ReadOnlySpan<byte> bytes)
    {
        Type = type;
        Integer = integer;
        Bytes = bytes;
    }

    public SpopDataType Type { get; }

    /// <summary>
    /// The varint of an integer (as read: a signed value is its two's complement), or 1/0 for a boolean.
    /// </summary>
    public ulong Integer { get; }

    /// <summary>The bytes of an IPv4 (4), IPv6 (16), string or binary value; empty for the other types.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    public bool Boolean => Type == SpopDataType.Boolean && Integer != 0;
}
