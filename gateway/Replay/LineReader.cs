using System.Buffers;
using System.IO.Compression;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Reads a log file line by line as raw bytes (no decoding, so invalid UTF-8 reaches the parser intact), gunzipping
/// it when it starts with the gzip magic number. Lines longer than the limit (<c>Kwaf:Events:MaxLineBytes</c>) are
/// flagged and their content skipped up to the next line break, so one endless line cannot exhaust memory.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly int _maxLineBytes;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;

    private LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>The longest line returned whole, in bytes (line break excluded).</summary>
    public int MaxLineBytes => _maxLineBytes;

    public static LineReader Open(string path, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
            : file;
        return new LineReader(stream, maxLineBytes);
    }

    /// <summary>Reads the next line without its line break; false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool truncated)
    {
        truncated = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return KeepIfShort(ref line, out truncated);
            }

            if (_eof)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                var any = _end > _start;
                _start = _end;
                return KeepIfShort(ref line, out truncated) && any;
            }

            // One byte more than the limit may still be the CR of a CR LF line break.
            if (_end - _start > _maxLineBytes + 1)
            {
                SkipRestOfLine();
                line = default;
                truncated = true;
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Flags a line over the limit and hands back none of its content; always true.</summary>
    private bool KeepIfShort(ref ReadOnlySpan<byte> line, out bool truncated)
    {
        truncated = line.Length > _maxLineBytes;
        line = truncated ? default : line;
        return true;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineBytes + (64 * 1024)));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    /// <summary>Drops an over-long line up to and including its line break.</summary>
    private void SkipRestOfLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }

            _start = _end;
            if (_eof)
            {
                return;
            }

            Fill();
        }
    }
}
