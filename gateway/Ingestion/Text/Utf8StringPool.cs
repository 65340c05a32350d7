namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>
/// Decodes short UTF-8 values to strings, handing out the same string again when the same bytes come back, as the
/// methods, hosts, user agents, paths and addresses of a busy site do. Every event read this way allocates no string
/// for a value seen recently, which is most of what the garbage collector otherwise had to sweep per event. A fixed
/// table of <see cref="Slots"/> entries, one per hash slot, each replaced by the newest value that lands there, so
/// its memory is bounded whatever the input; values longer than <see cref="MaxBytes"/> bytes are decoded and not
/// kept. Thread-safe: an entry is immutable and swapped whole, so a race costs at most a second decode.
/// </summary>
internal sealed class Utf8StringPool
{
    public const int Slots = 16_384;
    public const int MaxBytes = 256;

    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>The pool the event parsers share.</summary>
    public static Utf8StringPool Shared { get; } = new();

    /// <summary>As <see cref="Utf8Text.Decode"/>, returning a kept string when these bytes were seen lately.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, InvalidBytePolicy policy, out bool invalid)
    {
        if (bytes.IsEmpty || bytes.Length > MaxBytes)
        {
            return Utf8Text.Decode(bytes, policy, out invalid);
        }

        var hash = new HashCode();
        hash.AddBytes(bytes);
        hash.Add(policy);
        var code = hash.ToHashCode();
        ref var slot = ref _entries[code & (Slots - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Code == code && entry.Policy == policy && bytes.SequenceEqual(entry.Bytes))
        {
            invalid = entry.Invalid;
            return entry.Text;
        }

        var text = Utf8Text.Decode(bytes, policy, out invalid);
        Volatile.Write(ref slot, new Entry(code, policy, bytes.ToArray(), text, invalid));
        return text;
    }

    private sealed record Entry(int Code, InvalidBytePolicy Policy, byte[] Bytes, string Text, bool Invalid);
}
