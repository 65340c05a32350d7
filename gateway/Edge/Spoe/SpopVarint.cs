namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// The variable-length integers of SPOP (HAProxy's "peers" encoding): values below 240 take one byte; larger ones
/// set the low four bits of a first byte marked 0xF0, then carry seven bits per byte, each but the last with its
/// high bit set.
/// </summary>
internal static class SpopVarint
{
    /// <summary>The most bytes a 64-bit value takes.</summary>
    public const int MaxLength = 10;

    /// <summary>How many bytes <paramref name="value"/> takes.</summary>
    public static int SizeOf(ulong value)
    {
        if (value < 240)
        {
            return 1;
        }

        var size = 2;
        value = (value - 240) >> 4;
        while (value >= 128)
        {
            size++;
            value = (value - 128) >> 7;
        }

        return size;
    }

    /// <summary>Writes <paramref name="value"/> and returns the bytes written, or 0 when it does not fit.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        if (destination.Length < SizeOf(value))
        {
            return 0;
        }

        if (value < 240)
        {
            destination[0] = (byte)value;
            return 1;
        }

        destination[0] = (byte)(value | 0xF0);
        value = (value - 240) >> 4;
        var written = 1;
        while (value >= 128)
        {
            destination[written++] = (byte)(value | 0x80);
            value = (value - 128) >> 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    /// <summary>
    /// Reads a value; false when <paramref name="source"/> ends inside it or it overflows 64 bits.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed)
    {
        value = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return false;
        }

        value = source[0];
        if (value < 240)
        {
            consumed = 1;
            return true;
        }

        var shift = 4;
        for (var index = 1; index < source.Length && index < MaxLength; index++)
        {
            var next = (ulong)source[index];
            var added = next << shift;
            if ((added >> shift) != next || ulong.MaxValue - value < added)
            {
                return false;
            }

            value += added;
            shift += 7;
            if (next < 128)
            {
                consumed = index + 1;
                return true;
            }
        }

        return false;
    }
}
