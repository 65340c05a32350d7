using Kwaf.Decisions;

namespace Kwaf.Grains.Decisions;

/// <summary>
/// The last changes of the board, in memory only. Versions are consecutive: every appended change carries the
/// version after the previous one. A caller whose version is older than the log (or unknown) gets no delta and must
/// take a snapshot. Guarded by the grain's turn (not thread-safe).
/// </summary>
internal sealed class DecisionChangeLog
{
    private readonly List<DecisionChange> _changes = [];
    private readonly int _capacity;

    // The board version just before the first kept change (equal to the current version when the log is empty).
    private long _baseVersion;

    public DecisionChangeLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Forgets every change; the next appended change must carry <paramref name="version"/> + 1.</summary>
    public void Reset(long version)
    {
        _changes.Clear();
        _baseVersion = version;
    }

    public void Append(DecisionChange change)
    {
        _changes.Add(change);
        if (_changes.Count > _capacity)
        {
            var dropped = _changes.Count - _capacity;
            _changes.RemoveRange(0, dropped);
            _baseVersion += dropped;
        }
    }

    /// <summary>Gets the changes after <paramref name="sinceVersion"/>; false when they are not all kept.</summary>
    public bool TryGetSince(long sinceVersion, out IReadOnlyList<DecisionChange> changes)
    {
        var currentVersion = _baseVersion + _changes.Count;
        if (sinceVersion < _baseVersion || sinceVersion > currentVersion)
        {
            changes = [];
            return false;
        }

        var start = (int)(sinceVersion - _baseVersion);
        changes = start == _changes.Count ? [] : _changes.GetRange(start, _changes.Count - start);
        return true;
    }
}
