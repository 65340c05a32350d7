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
/// </remarks>
[GenerateSerializer]
[Alias("kwaf.DistinctSetState")]
internal sealed class DistinctSetState
{
    /// <summary>Item hashes; exactly as many as items (most sets of most subjects hold one or none).</summary>
    [Id(0)]
    public uint[] Hashes { get; set; } = [];

    /// <summary>Newest absolute bucket each item was seen in, parallel to <see cref="Hashes"/>.</summary>
    [Id(1)]
    public long[] LastSeenBuckets { get; set; } = [];

    /// <summary>Records that the item with <paramref name="hash"/> was seen in <paramref name="bucket"/>.</summary>
    /// <param name="hash">The item's stable hash.</param>
    /// <param name="bucket">The absolute bucket of the event.</param>
    /// <param name="capacity">Most items kept; the item seen longest ago is replaced when full.</param>
    internal void Touch(uint hash, long bucket, int capacity)
    {
        var index = Array.IndexOf(Hashes, hash);
        if (index >= 0)
        {
            LastSeenBuckets[index] = Math.Max(LastSeenBuckets[index], bucket);
            return;
        }

        var count = Hashes.Length;
        if (count < capacity)
        {
            // One item longer: an item is added once per distinct value, so the copies are rare and small.
            var hashes = new uint[count + 1];
            var buckets = new long[count + 1];
            Hashes.CopyTo(hashes, 0);
            LastSeenBuckets.AsSpan(0, count).CopyTo(buckets);
            hashes[count] = hash;
            buckets[count] = bucket;
            Hashes = hashes;
            LastSeenBuckets = buckets;
            return;
        }

        var oldest = IndexOfOldest();
        if (LastSeenBuckets[oldest] < bucket)
        {
            Hashes[oldest] = hash;
            LastSeenBuckets[oldest] = bucket;
        }
    }

    /// <summary>Counts items last seen from <paramref name="firstBucket"/> to <paramref name="lastBucket"/>.</summary>
    /// <param name="firstBucket">First absolute bucket of the window.</param>
    /// <param name="lastBucket">Last absolute bucket of the window.</param>
    /// <returns>The distinct count.</returns>
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

    private int IndexOfOldest()
    {
        var oldest = 0;
        for (var i = 1; i < LastSeenBuckets.Length; i++)
        {
            if (LastSeenBuckets[i] < LastSeenBuckets[oldest])
            {
                oldest = i;
            }
        }

        return oldest;
    }
}
