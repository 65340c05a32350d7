namespace Kwaf.Grains.Counters;

/// <summary>
/// A bounded distinct counter: for up to <c>capacity</c> items, the 32-bit hash of the item and the newest bucket it
/// was seen in. The distinct count over a window is the number of items last seen inside it.
/// </summary>
/// <remarks>
/// Memory bound: 12 bytes per item, so 3 KB at the default capacity of 256. Error: when more than <c>capacity</c>
/// items are live in a window, the oldest are forgotten and the count stops at the capacity (an undercount, never an
/// overcount). Two items with the same 32-bit hash count once; with 256 items the chance of any collision is about
/// 8 in a million. A forgotten item seen again counts as new, which is right for the windows it is seen in.
/// <para>
/// The arrays double as they fill (1, 2, 4, ... up to the capacity), and a slot not yet used holds
/// <see cref="EmptySlot"/> as its bucket. Growing one item at a time would give every new item of an old subject two
/// new arrays, each surviving into the old generation and leaving the two before them as garbage there: the pattern
/// that makes collections of a large heap expensive.
/// </para>
/// </remarks>
[GenerateSerializer]
[Alias("kwaf.DistinctSetState")]
internal sealed class DistinctSetState
{
    /// <summary>The bucket of a slot that holds no item: older than any bucket, so it is the first replaced.</summary>
    internal const long EmptySlot = long.MinValue;

    /// <summary>Item hashes, one per slot; a slot whose bucket is <see cref="EmptySlot"/> holds no item.</summary>
    [Id(0)]
    public uint[] Hashes { get; set; } = [];

    /// <summary>Newest absolute bucket each slot's item was seen in, parallel to <see cref="Hashes"/>.</summary>
    [Id(1)]
    public long[] LastSeenBuckets { get; set; } = [];

    /// <summary>Records that the item with <paramref name="hash"/> was seen in <paramref name="bucket"/>.</summary>
    /// <param name="hash">The item's stable hash.</param>
    /// <param name="bucket">The absolute bucket of the event.</param>
    /// <param name="capacity">Most items kept; the item seen longest ago is replaced when full.</param>
    internal void Touch(uint hash, long bucket, int capacity)
    {
        var hashes = Hashes;
        var seen = LastSeenBuckets;
        for (var i = Array.IndexOf(hashes, hash); i >= 0; i = Array.IndexOf(hashes, hash, i + 1))
        {
            if (seen[i] != EmptySlot)
            {
                seen[i] = Math.Max(seen[i], bucket);
                return;
            }
        }

        var slot = IndexOfOldest();
        if (slot < 0 || (seen[slot] != EmptySlot && hashes.Length < capacity))
        {
            slot = Grow(capacity);
        }

        if (LastSeenBuckets[slot] < bucket)
        {
            Hashes[slot] = hash;
            LastSeenBuckets[slot] = bucket;
        }
    }

    /// <summary>Counts the items last seen inside the given buckets.</summary>
    /// <param name="firstBucket">The first absolute bucket, inclusive.</param>
    /// <param name="lastBucket">The last absolute bucket, inclusive.</param>
    /// <returns>The number of items.</returns>
    internal int CountBetween(long firstBucket, long lastBucket)
    {
        var count = 0;
        foreach (var seen in LastSeenBuckets)
        {
            if (seen >= firstBucket && seen <= lastBucket)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Doubles the arrays (at most to <paramref name="capacity"/>) and returns the first new slot.</summary>
    private int Grow(int capacity)
    {
        var count = Hashes.Length;
        var length = Math.Min(capacity, Math.Max(1, count * 2));
        var hashes = new uint[length];
        var buckets = new long[length];
        Hashes.CopyTo(hashes, 0);
        LastSeenBuckets.AsSpan(0, count).CopyTo(buckets);
        buckets.AsSpan(count).Fill(EmptySlot);
        Hashes = hashes;
        LastSeenBuckets = buckets;
        return count;
    }

    /// <summary>The slot seen longest ago (an empty one first), or -1 when there is none.</summary>
    private int IndexOfOldest()
    {
        var seen = LastSeenBuckets;
        if (seen.Length == 0)
        {
            return -1;
        }

        var oldest = 0;
        for (var i = 1; i < seen.Length; i++)
        {
            if (seen[i] < seen[oldest])
            {
                oldest = i;
            }
        }

        return oldest;
    }
}
