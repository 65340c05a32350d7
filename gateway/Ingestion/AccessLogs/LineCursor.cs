namespace Kwaf.Gateway.Ingestion.AccessLogs;

/// <summary>A forward-only reader over the bytes of one log line.</summary>
internal ref struct LineCursor
{
    private readonly ReadOnlySpan<byte> _line;
    private int _position;

    public LineCursor(ReadOnlySpan<byte> line)
    {
        _line = line;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _line.Length;

    public readonly ReadOnlySpan<byte> Remaining => _line[_position..];

    /// <summary>Reads up to the next space (or the end) and steps over that one space.</summary>
    public ReadOnlySpan<byte> ReadToken()
    {
        var rest = Remaining;
        var space = rest.IndexOf((byte)' ');
        var token = space < 0 ? rest : rest[..space];
        _position += space < 0 ? rest.Length : space + 1;
        return token;
    }

    /// <summary>Reads up to (not including) the next <paramref name="stop"/> byte; false if there is none.</summary>
    public bool TryReadUntil(byte stop, out ReadOnlySpan<byte> value)
    {
        var rest = Remaining;
        var index = rest.IndexOf(stop);
        value = index < 0 ? default : rest[..index];
        _position += index < 0 ? 0 : index;
        return index >= 0;
    }

    public void SkipSpaces()
    {
        while (!AtEnd && _line[_position] == ' ')
        {
            _position++;
        }
    }

    /// <summary>Reads a <c>[...]</c> field and the bracket that closes it.</summary>
    public bool TryReadBracketed(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (AtEnd || _line[_position] != '[')
        {
            return false;
        }

        _position++;
        if (!TryReadUntil((byte)']', out value))
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>
    /// Reads a <c>"..."</c> field, still escaped. Backslash escapes the next byte, and the closing quote must be
    /// followed by a space or the end, so a stray quote inside the field cannot end it early. With
    /// <paramref name="statusFollows"/>, a closing quote followed by a three-digit status is preferred: old servers
    /// logged quotes inside the request line unescaped (<c>"GET" /x?page=' HTTP/1.0"</c>).
    /// </summary>
    public bool TryReadQuoted(out ReadOnlySpan<byte> value, bool statusFollows = false)
    {
        value = default;
        if (AtEnd || _line[_position] != '"')
        {
            return false;
        }

        var rest = _line[(_position + 1)..];
        var end = FindClosingQuote(rest, statusFollows);
        end = end < 0 && statusFollows ? FindClosingQuote(rest, statusFollows: false) : end;
        if (end < 0)
        {
            return false;
        }

        value = rest[..end];
        _position += end + 2;
        return true;
    }

    private static int FindClosingQuote(ReadOnlySpan<byte> rest, bool statusFollows)
    {
        // Jumps from one quote or backslash to the next (vectorized) instead of looking at every byte: an agent
        // string is most of a line.
        var i = 0;
        while (i < rest.Length)
        {
            var found = rest[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (found < 0)
            {
                return -1;
            }

            i += found;
            if (rest[i] == '\\')
            {
                i += 2;
                continue;
            }

            var after = rest[(i + 1)..];
            if ((after.IsEmpty || after[0] == ' ') && (!statusFollows || IsStatusNext(after)))
            {
                return i;
            }

            i++;
        }

        return -1;
    }

    private static bool IsStatusNext(ReadOnlySpan<byte> after) =>
        after.Length >= 4
        && char.IsAsciiDigit((char)after[1]) && char.IsAsciiDigit((char)after[2]) && char.IsAsciiDigit((char)after[3])
        && (after.Length == 4 || after[4] == ' ');
}
