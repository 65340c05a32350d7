namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>
/// Remembers what was worked out for a text lately (a user agent's traits, an address's canonical form), since busy
/// sites send the same few thousand of each over and over. A fixed table of slots, one per hash slot, each replaced
/// by the newest text that lands there: memory is bounded whatever the input, and a client that sends a new text
/// every time costs what it would cost without the memo. Texts longer than the limit are not kept. Thread-safe: an
/// entry is immutable and swapped whole, so a race costs at most a second computation.
/// </summary>
/// <typeparam name="TValue">What is remembered; must not change once remembered.</typeparam>
internal sealed class RecentMemo<TValue>
{
    private readonly Entry?[] _entries;
    private readonly int _maxKeyLength;

    /// <param name="slots">The number of slots, a power of two.</param>
    /// <param name="maxKeyLength">The longest text kept.</param>
    public RecentMemo(int slots, int maxKeyLength)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "The number of slots must be a power of two.");
        }

        _entries = new Entry?[slots];
        _maxKeyLength = maxKeyLength;
    }

    /// <summary>What was remembered for <paramref name="key"/>, if it is still there.</summary>
    public bool TryGet(string key, out TValue value)
    {
        var entry = Volatile.Read(ref SlotOf(key));
        if (entry is not null && string.Equals(entry.Key, key, StringComparison.Ordinal))
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for <paramref name="key"/> in place of what its slot held.</summary>
    public void Remember(string key, TValue value)
    {
        if (key.Length <= _maxKeyLength)
        {
            Volatile.Write(ref SlotOf(key), new Entry(key, value));
        }
    }

    private ref Entry? SlotOf(string key) =>
        ref _entries[StringComparer.Ordinal.GetHashCode(key) & (_entries.Length - 1)];

    private sealed record Entry(string Key, TValue Value);
}
