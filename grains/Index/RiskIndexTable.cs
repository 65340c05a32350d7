using Kwaf.Index;

namespace Kwaf.Grains.Index;

/// <summary>
/// The risk index's entries in memory: one per subject, kept in page order, at most <c>capacity</c>. When an upsert
/// takes it past capacity, the entry last in page order (lowest score; among equal scores the greatest kind then id)
/// is evicted, which may be the entry just added: a full table admits only subjects riskier than its least risky
/// entry. Guarded by the owning grain's turn (not thread-safe).
/// </summary>
internal sealed class RiskIndexTable
{
    private readonly Dictionary<(string Kind, string Id), RiskIndexEntry> _entries = [];
    private readonly SortedSet<RiskIndexEntry> _ordered = new(RiskIndexOrder.Instance);
    private readonly int _capacity;

    public RiskIndexTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _ordered.Count;

    public IReadOnlyCollection<RiskIndexEntry> Entries => _entries.Values;

    /// <summary>Adds or replaces the subject's entry; returns the evicted entry, if any.</summary>
    public RiskIndexEntry? Upsert(RiskIndexEntry entry)
    {
        Remove(entry.Kind, entry.Id);
        _entries[(entry.Kind, entry.Id)] = entry;
        _ordered.Add(entry);
        if (_ordered.Count <= _capacity || _ordered.Max is not { } least)
        {
            return null;
        }

        Remove(least.Kind, least.Id);
        return least;
    }

    public bool Remove(string kind, string id)
    {
        if (!_entries.Remove((kind, id), out var previous))
        {
            return false;
        }

        _ordered.Remove(previous);
        return true;
    }

    /// <summary>
    /// One page in page order: entries strictly after <paramref name="after"/> (from the start when null), of
    /// <paramref name="kind"/> (any when null), with a score of at least <paramref name="minScore"/>.
    /// </summary>
    public RiskPage GetPage(string? kind, double minScore, int limit, RiskIndexEntry? after)
    {
        var items = new List<RiskIndexEntry>(Math.Min(limit, _ordered.Count));
        var hasMore = false;
        foreach (var entry in EntriesFrom(after))
        {
            if (after is not null && RiskIndexOrder.Instance.Compare(entry, after) <= 0)
            {
                continue;
            }

            if (entry.Score < minScore)
            {
                break;
            }

            if (kind is not null && !string.Equals(entry.Kind, kind, StringComparison.Ordinal))
            {
                continue;
            }

            if (items.Count == limit)
            {
                hasMore = true;
                break;
            }

            items.Add(entry);
        }

        return new RiskPage(items, hasMore ? RiskIndexCursor.Encode(items[^1]) : null);
    }

    /// <summary>Entries from <paramref name="after"/> on, which itself is included when still present.</summary>
    private IEnumerable<RiskIndexEntry> EntriesFrom(RiskIndexEntry? after)
    {
        if (after is null)
        {
            return _ordered;
        }

        var max = _ordered.Max;
        if (max is null || RiskIndexOrder.Instance.Compare(after, max) >= 0)
        {
            return [];
        }

        return _ordered.GetViewBetween(after, max);
    }
}
