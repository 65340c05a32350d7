using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The audit log of the <c>Memory</c> store: the newest <see cref="AuditOptions.MemoryCapacity"/> records of this
/// process, lost when it stops. Older records are dropped first when it is full. Guarded by one lock.
/// </summary>
internal sealed class MemoryAuditLog : IAuditStore, IAuditReader
{
    private readonly Lock _lock = new();
    private readonly LinkedList<AuditRecord> _records = new();
    private readonly int _capacity;
    private long _sequence;

    public MemoryAuditLog(IOptions<AuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.MemoryCapacity;
    }

    /// <summary>Records held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_lock)
        {
            foreach (var record in records)
            {
                _records.AddLast(record with { Sequence = ++_sequence });
                if (_records.Count > _capacity)
                {
                    _records.RemoveFirst();
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = new List<AuditRecord>();
        lock (_lock)
        {
            foreach (var record in _records)
            {
                if (query.Matches(record))
                {
                    matches.Add(record);
                }
            }
        }

        // Appended in write order, not event-time order, so sort: newest first, sequence breaking ties.
        matches.Sort(static (left, right) => Compare(right, left));
        var page = matches.Count > query.Limit ? matches.GetRange(0, query.Limit) : matches;
        var next = matches.Count > query.Limit ? AuditCursor.After(page[^1]) : (AuditCursor?)null;
        return Task.FromResult(new AuditPage(page, next));
    }

    // At microsecond precision, like the cursor and the database stores.
    private static int Compare(AuditRecord left, AuditRecord right)
    {
        var byTime = AuditCursor.ToUnixMicroseconds(left.At).CompareTo(AuditCursor.ToUnixMicroseconds(right.At));
        return byTime != 0 ? byTime : left.Sequence.CompareTo(right.Sequence);
    }
}
