using System.Numerics;

namespace Kwaf.Grains.Counters;

/// <summary>The ring of bucket counts: its rows, its two forms (two bytes a count, or four) and its advance.</summary>
internal sealed partial class SubjectCounters
{
    private void Advance(long bucket)
    {
        if (bucket - State.NewestBucket >= _bucketCount)
        {
            // Every count has left the window. The rows are zeroed where they are rather than dropped: the event
            // being counted reshapes the ring to the rows it needs, in place when they are the rows there are, since
            // a new ring for each event of a subject seen less often than once a window would outlive it.
            State.Buckets.AsSpan().Clear();
            State.NarrowBuckets.AsSpan().Clear();
            State.NewestBucket = bucket;
            _ringRestarted = true;
            return;
        }

        if (State.Buckets.Length > 0)
        {
            ClearSlots(State.Buckets, bucket);
        }
        else
        {
            ClearSlots(State.NarrowBuckets, bucket);
        }

        // Once per window length, rows that hold nothing any more give their memory back.
        var crossedWindow = bucket / _bucketCount != State.NewestBucket / _bucketCount;
        State.NewestBucket = bucket;
        if (crossedWindow)
        {
            DropEmptyRows();
        }
    }

    /// <summary>
    /// Sums the absolute buckets <paramref name="first"/> to <paramref name="last"/> of the row that starts at
    /// <paramref name="start"/>, in either form of the ring.
    /// </summary>
    private long SumRow<T>(T[] ring, int start, long first, long last)
        where T : struct, IBinaryInteger<T>
    {
        long sum = 0;
        for (var b = first; b <= last; b++)
        {
            sum += long.CreateTruncating(ring[start + (int)(b % _bucketCount)]);
        }

        return sum;
    }

    /// <summary>Zeroes the slots of the buckets after the newest one up to <paramref name="bucket"/>.</summary>
    private void ClearSlots<T>(T[] ring, long bucket)
    {
        var rows = ring.Length / _bucketCount;
        for (var b = State.NewestBucket + 1; b <= bucket; b++)
        {
            var slot = (int)(b % _bucketCount);
            for (var row = 0; row < rows; row++)
            {
                ring[(row * _bucketCount) + slot] = default!;
            }
        }
    }

    /// <summary>The row of <paramref name="kind"/> in the ring, or -1 when it has none.</summary>
    private int RowOf(CounterKind kind)
    {
        var bit = 1 << (int)kind;
        var kinds = State.RowKinds.GetValueOrDefault();
        return (kinds & bit) == 0 ? -1 : BitOperations.PopCount((uint)(kinds & (bit - 1)));
    }

    /// <summary>
    /// Gives the ring a row for each kind of <paramref name="wanted"/>, in kind order, keeping the counts of the kinds
    /// it had. A ring that was just zeroed (<paramref name="restarted"/>) comes back in the narrow form.
    /// </summary>
    private void Reshape(int current, int wanted, bool restarted)
    {
        if (restarted && State.Buckets.Length > 0)
        {
            State.NarrowBuckets = new ushort[BitOperations.PopCount((uint)wanted) * _bucketCount];
            State.Buckets = [];
        }
        else if (State.Buckets.Length > 0)
        {
            State.Buckets = Reshape(State.Buckets, current, wanted);
        }
        else
        {
            State.NarrowBuckets = Reshape(State.NarrowBuckets, current, wanted);
        }

        State.RowKinds = wanted;
    }

    private T[] Reshape<T>(T[] ring, int current, int wanted)
    {
        var reshaped = new T[BitOperations.PopCount((uint)wanted) * _bucketCount];
        var from = 0;
        var to = 0;
        for (var kinds = current | wanted; kinds != 0; kinds &= kinds - 1)
        {
            var bit = kinds & -kinds;
            if ((current & wanted & bit) != 0)
            {
                ring.AsSpan(from * _bucketCount, _bucketCount).CopyTo(reshaped.AsSpan(to * _bucketCount));
            }

            from += (current & bit) != 0 ? 1 : 0;
            to += (wanted & bit) != 0 ? 1 : 0;
        }

        return reshaped;
    }

    /// <summary>The number of counts in the ring, whichever form holds it.</summary>
    private int RingLength => State.Buckets.Length + State.NarrowBuckets.Length;

    /// <summary>
    /// Moves a wide ring whose counts all fit in two bytes (a state stored before rings were narrow) to the narrow
    /// form.
    /// </summary>
    private void NarrowIfItFits()
    {
        var wide = State.Buckets;
        if (wide.Length == 0 || wide.AsSpan().ContainsAnyExceptInRange(0, ushort.MaxValue))
        {
            return;
        }

        State.NarrowBuckets = Array.ConvertAll(wide, static count => (ushort)count);
        State.Buckets = [];
    }

    /// <summary>Moves the ring to the wide form: one of its counts is about to pass two bytes.</summary>
    private void Widen()
    {
        State.Buckets = Array.ConvertAll(State.NarrowBuckets, static count => (int)count);
        State.NarrowBuckets = [];
    }

    /// <summary>
    /// Drops the rows whose counts have all aged out of the window, and narrows a wide ring whose counts fit again.
    /// </summary>
    private void DropEmptyRows()
    {
        if (State.Buckets.Length > 0)
        {
            // Once per window at most: a ring that went wide for a burst goes back to two bytes after it.
            State.Buckets = DropEmptyRows(State.Buckets);
            NarrowIfItFits();
        }
        else
        {
            State.NarrowBuckets = DropEmptyRows(State.NarrowBuckets);
        }
    }

    private T[] DropEmptyRows<T>(T[] ring)
        where T : struct, IEquatable<T>
    {
        var kinds = State.RowKinds.GetValueOrDefault();
        var rows = ring.Length / _bucketCount;
        var keptKinds = 0;
        var kept = 0;
        var row = 0;
        for (var kind = 0; kind < KindCount && row < rows; kind++)
        {
            if ((kinds & (1 << kind)) == 0)
            {
                continue;
            }

            var counts = ring.AsSpan(row * _bucketCount, _bucketCount);
            if (counts.ContainsAnyExcept(default(T)))
            {
                counts.CopyTo(ring.AsSpan(kept * _bucketCount));
                keptKinds |= 1 << kind;
                kept++;
            }

            row++;
        }

        if (kept == rows)
        {
            return ring;
        }

        State.RowKinds = keptKinds;
        return ring[..(kept * _bucketCount)];
    }
}
