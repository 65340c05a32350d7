using System.Buffers;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Splits a syslog TCP stream into messages (RFC 6587), deciding the framing per message: a message that starts with
/// a digit is octet-counted (<c>LEN SP MSG</c>), any other ends at the next LF (a CR before it is dropped). A message
/// longer than the limit is reported once as oversized and skipped: an octet-counted one by its stated length (the
/// stream stays in step), a newline-framed one up to the next LF. A length prefix that is not a number is reported
/// and the stream resynchronizes at the next LF. Memory is one pooled buffer of the limit plus a few bytes, whatever
/// the stream does. Not thread-safe: one decoder per connection.
/// </summary>
internal sealed class SyslogFrameDecoder : IDisposable
{
    /// <summary>Longest octet count prefix: 7 digits cover the largest allowed limit (1 MiB).</summary>
    private const int MaxLengthDigits = 7;

    private readonly int _maxMessageBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _skipBytes;
    private bool _skipToLineEnd;

    public SyslogFrameDecoder(int maxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        _maxMessageBytes = maxMessageBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(maxMessageBytes + MaxLengthDigits + 2);
    }

    /// <summary>Room to read into; never empty. Frames returned before this call are no longer valid.</summary>
    public Memory<byte> FreeSpace()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Takes <paramref name="count"/> bytes just read into <see cref="FreeSpace"/>.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>The next message, valid until <see cref="FreeSpace"/> is called.</summary>
    public SyslogFrameKind Next(out ReadOnlySpan<byte> frame)
    {
        frame = default;
        while (true)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            if (_skipBytes > 0 || _skipToLineEnd)
            {
                if (!Skip(data))
                {
                    return SyslogFrameKind.NeedMore;
                }

                continue;
            }

            if (data.IsEmpty)
            {
                return SyslogFrameKind.NeedMore;
            }

            if (data[0] is (byte)'\n' or (byte)'\r' or (byte)' ' or 0)
            {
                _start++;
                continue;
            }

            return data[0] is >= (byte)'0' and <= (byte)'9'
                ? NextCounted(data, out frame)
                : NextLine(data, out frame);
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    /// <summary>Discards what is being skipped; true when the skip is over.</summary>
    private bool Skip(ReadOnlySpan<byte> data)
    {
        if (_skipBytes > 0)
        {
            var n = (int)Math.Min(_skipBytes, data.Length);
            _start += n;
            _skipBytes -= n;
            return _skipBytes == 0;
        }

        var lineEnd = data.IndexOf((byte)'\n');
        _start += lineEnd < 0 ? data.Length : lineEnd + 1;
        _skipToLineEnd = lineEnd < 0;
        return !_skipToLineEnd;
    }

    private SyslogFrameKind NextCounted(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> frame)
    {
        frame = default;
        var digits = 0;
        long length = 0;
        while (digits < data.Length && digits <= MaxLengthDigits && data[digits] is >= (byte)'0' and <= (byte)'9')
        {
            length = (length * 10) + (data[digits] - '0');
            digits++;
        }

        if (digits == data.Length && digits <= MaxLengthDigits)
        {
            return SyslogFrameKind.NeedMore;
        }

        if (digits > MaxLengthDigits || data[digits] != ' ' || length == 0)
        {
            _skipToLineEnd = true;
            return SyslogFrameKind.BadLength;
        }

        if (length > _maxMessageBytes)
        {
            _start += digits + 1;
            _skipBytes = length;
            return SyslogFrameKind.Oversized;
        }

        var total = digits + 1 + (int)length;
        if (data.Length < total)
        {
            return SyslogFrameKind.NeedMore;
        }

        frame = data.Slice(digits + 1, (int)length);
        _start += total;
        return SyslogFrameKind.Frame;
    }

    private SyslogFrameKind NextLine(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> frame)
    {
        frame = default;
        var lineEnd = data.IndexOf((byte)'\n');
        var length = lineEnd < 0 ? data.Length : lineEnd;
        if (length > _maxMessageBytes)
        {
            _start += lineEnd < 0 ? data.Length : lineEnd + 1;
            _skipToLineEnd = lineEnd < 0;
            return SyslogFrameKind.Oversized;
        }

        if (lineEnd < 0)
        {
            return SyslogFrameKind.NeedMore;
        }

        frame = data[..lineEnd].TrimEnd((byte)'\r');
        _start += lineEnd + 1;
        return SyslogFrameKind.Frame;
    }
}
