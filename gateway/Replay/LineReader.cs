using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Reads a log file line by line as raw bytes (no decoding, so invalid UTF-8 reaches the parser intact), gunzipping
/// it when it starts with the gzip magic number. Lines longer than the limit (<c>Kwaf:Events:MaxLineBytes</c>) are
/// flagged and their content skipped up to the next line break, so one endless line cannot exhaust memory.
/// </summary>
/// <remarks>
/// A gzip file that cannot be read to its end is not an error that stops the read: the lines before the damage are
/// handed out, then the end of the file, and <see cref="ReadError"/> says what went wrong. Corrupt compressed data is
/// found by the decompressor where it breaks the format; a file cut short is not (it just ends), nor is damage that
/// still decodes. So the text is also measured against the size that the gzip trailer (the file's last four bytes)
/// records. A file of several concatenated gzip members fails that check too, since the trailer holds the size of its
/// last member only.
/// </remarks>
internal sealed class LineReader : IDisposable
{
    private readonly int _maxLineBytes;
    private readonly Stream _stream;
    private readonly uint? _gzipSize;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;
    private long _textBytes;

    private LineReader(Stream stream, int maxLineBytes, uint? gzipSize)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _gzipSize = gzipSize;
    }

    /// <summary>The longest line returned whole, in bytes (line break excluded).</summary>
    public int MaxLineBytes => _maxLineBytes;

    /// <summary>
    /// Why the file could not be read to its end (corrupt or cut-short gzip data), once the end is reached; null when
    /// it was read whole.
    /// </summary>
    public string? ReadError { get; private set; }

    public static LineReader Open(string path, int maxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        if (read < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            file.Position = 0;
            return new LineReader(file, maxLineBytes, gzipSize: null);
        }

        // The gzip trailer ends with the size of the text, modulo 2^32, little-endian.
        Span<byte> trailer = stackalloc byte[4];
        file.Position = Math.Max(0, file.Length - 4);
        file.ReadAtLeast(trailer, 4, throwOnEndOfStream: false);
        file.Position = 0;
        var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        return new LineReader(gzip, maxLineBytes, BinaryPrimitives.ReadUInt32LittleEndian(trailer));
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

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException ex)
        {
            _eof = true;
            ReadError = $"gzip data is corrupt after {_textBytes} bytes of text ({ex.Message})";
            return;
        }

        _end += read;
        _textBytes += read;
        _eof = read == 0;
        if (_eof && _gzipSize is { } recorded && recorded != (uint)_textBytes)
        {
            ReadError = $"gzip data gave {_textBytes} bytes of text, but its trailer records {recorded} "
                + "(modulo 4 GiB): the file is cut short or damaged, or holds several gzip members";
        }
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
