namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>
/// Hands out one string for text built again and again, such as the endpoint templates of a site, so that each event
/// does not allocate its own copy and each subject that counts an endpoint does not keep one. A fixed table of
/// <see cref="Slots"/> strings, one per hash slot, each replaced by the newest text that lands there: memory is
/// bounded whatever the input, and text that never repeats costs what it would cost without the pool. The hash is
/// the process's randomized string hash, so no client can choose texts that keep evicting each other. Thread-safe:
/// a slot holds an immutable string and is swapped whole, so a race costs at most a second allocation.
/// </summary>
internal sealed class StringPool
{
    /// <summary>The number of slots, a power of two.</summary>
    public const int Slots = 8_192;

    private readonly string?[] _entries = new string?[Slots];

    /// <summary>The pool of endpoint templates (<c>GET /orders/{id}</c>).</summary>
    public static StringPool Endpoints { get; } = new();

    /// <summary>The string with these characters: the one kept when it was seen lately, else a new one.</summary>
    public string Get(ReadOnlySpan<char> chars)
    {
        ref var slot = ref _entries[string.GetHashCode(chars) & (Slots - 1)];
        var kept = Volatile.Read(ref slot);
        if (kept is not null && chars.SequenceEqual(kept))
        {
            return kept;
        }

        var text = new string(chars);
        Volatile.Write(ref slot, text);
        return text;
    }
}
