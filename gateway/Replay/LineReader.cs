using System.Buffers;
using System.IO.Compression;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Reads a log file line by line as raw bytes (no decoding, so invalid UTF-8 reaches the parser intact), gunzipping
/// it when it starts with the gzip magic number. Lines longer than <see cref="MaxLineBytes"/> are cut there and
/// flagged, so one endless line cannot exhaust memory.
/// </summary>
internal sealed class LineReader : IDisposable
{
    public const int MaxLineBytes = 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private byte[]? _longLine;
    private int _start;
    private int _end;
    private bool _eof;

    private LineReader(Stream stream) => _stream = stream;

    public static LineReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false)
            : file;
        return new LineReader(stream);
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
                return true;
            }

            if (_eof)
            {
                line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                var any = _end > _start;
                _start = _end;
                return any;
            }

            if (_end - _start >= MaxLineBytes)
            {
                // Copy the kept part out first: skipping the rest refills and may replace the buffer.
                _longLine ??= new byte[MaxLineBytes];
                _buffer.AsSpan(_start, MaxLineBytes).CopyTo(_longLine);
                SkipRestOfLine();
                line = _longLine;
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
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxLineBytes + (64 * 1024)));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    /// <summary>Drops the rest of an over-long line; the caller already has its first part.</summary>
    private void SkipRestOfLine()
    {
        _start += MaxLineBytes;
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
