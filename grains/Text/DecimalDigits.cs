namespace Kwaf.Grains.Text;

/// <summary>
/// Reads unsigned decimal numbers written in ASCII digits and nothing else. The framework's integer parsing also
/// takes trailing NUL characters (<c>"23\0"</c> reads as 23), so text it accepts can still fail a stricter reader
/// later: an address with a NUL after its last part passed the dotted-quad check and made the address parser throw.
/// Address parts, ports, prefix lengths and the fields of a log time are digits only.
/// </summary>
internal static class DecimalDigits
{
    /// <summary>The most digits <see cref="TryParse"/> reads: any nine digits fit an <see cref="int"/>.</summary>
    public const int MaxDigits = 9;

    /// <summary>Reads <paramref name="text"/> as one to <paramref name="maxDigits"/> ASCII digits.</summary>
    /// <param name="text">The text; no sign, no spaces, nothing but digits.</param>
    /// <param name="maxDigits">The most digits accepted, at most <see cref="MaxDigits"/>.</param>
    /// <param name="value">The number; 0 when the text is not one.</param>
    /// <returns>True when the text is one to <paramref name="maxDigits"/> digits.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, int maxDigits, out int value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDigits, MaxDigits);
        value = 0;
        if (text.IsEmpty || text.Length > maxDigits)
        {
            return false;
        }

        var number = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        value = number;
        return true;
    }
}
