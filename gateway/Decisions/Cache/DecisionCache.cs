using System.Net;
using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>
/// The decisions in force as this gateway last heard from the board, answering the per-request check without a
/// grain call. Precedence: expired decisions never apply; a manual throttle or block matching the IP, a network
/// containing it or the user wins (the strictest, then the longest expiry); else a manual allow that matches wins;
/// else the strictest policy decision for the IP or the user (ties: the longest expiry); else allow. Shadow decisions
/// (made in shadow mode) never apply; the strictest of them is returned beside the answer.
/// </summary>
/// <remarks>
/// Concurrency: readers take the current <see cref="Snapshot"/> with one volatile read and never see it change, as a
/// snapshot is immutable once published. Writers (pushes and polls) build a new snapshot under
/// <c>_writeLock</c> and publish it with a volatile write, so changes apply one after another in version order.
/// </remarks>
internal sealed partial class DecisionCache
{
    private readonly Lock _writeLock = new();
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>Raised after a new snapshot is published (outside the write lock, on the writer's thread).</summary>
    public event EventHandler? Changed;

    /// <summary>The board version the cache reflects; -1 before the first snapshot.</summary>
    public long Version => Volatile.Read(ref _snapshot).Version;

    /// <summary>Decides a request by its canonical client IP and user id (either may be null).</summary>
    public CheckResult Check(string? canonicalIp, string? userId, DateTimeOffset now)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.IsEmpty)
        {
            return CheckResult.Allowed;
        }

        var found = new Candidates(now);
        if (canonicalIp is not null)
        {
            if (snapshot.ByIp.TryGetValue(canonicalIp, out var forIp))
            {
                found.Consider(forIp);
            }

            if (snapshot.Networks.Length > 0)
            {
                ConsiderNetworks(snapshot.Networks, canonicalIp, ref found);
            }
        }

        if (userId is not null && snapshot.ByUser.TryGetValue(userId, out var forUser))
        {
            found.Consider(forUser);
        }

        return found.Result();
    }

    /// <summary>The decisions in force at <paramref name="now"/>.</summary>
    public IReadOnlyCollection<Decision> Active(DateTimeOffset now)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var active = new List<Decision>(snapshot.Slots.Count);
        foreach (var decision in snapshot.Slots.Values)
        {
            if (decision.IsActiveAt(now))
            {
                active.Add(decision);
            }
        }

        return active;
    }

    /// <summary>
    /// Applies a feed from the board. A snapshot replaces everything unless it is older than the cache. A delta
    /// applies its changes in order, skipping those at or below the cache's version and stopping at a gap (a
    /// missing version), which the caller repairs by polling.
    /// </summary>
    public void Apply(DecisionFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        bool changed;
        lock (_writeLock)
        {
            changed = feed.IsSnapshot ? ApplySnapshot(feed, force: false) : ApplyDelta(feed.Changes);
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>
    /// Replaces everything with a snapshot even when it is older than the cache: for a board whose version went back
    /// (its storage was reset), after which no delta would ever apply.
    /// </summary>
    public void Reset(DecisionFeed snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_writeLock)
        {
            ApplySnapshot(snapshot, force: true);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    private static void ConsiderNetworks(NetworkDecisions[] networks, string canonicalIp, ref Candidates found)
    {
        // Parsing allocates the address; only requests checked while network decisions exist pay for it.
        if (!IPAddress.TryParse(canonicalIp, out var address))
        {
            return;
        }

        address = DecisionTarget.Canonical(address);
        foreach (var network in networks)
        {
            if (network.Network.Contains(address))
            {
                found.Consider(network.Decisions);
            }
        }
    }

    private bool ApplySnapshot(DecisionFeed feed, bool force)
    {
        if (!force && feed.Version < _snapshot.Version)
        {
            return false;
        }

        var next = Snapshot.Empty.Edit();
        foreach (var change in feed.Changes)
        {
            next.Set(change.Target, change.Origin, change.Decision);
        }

        Volatile.Write(ref _snapshot, next.Build(feed.Version));
        return true;
    }

    private bool ApplyDelta(IReadOnlyList<DecisionChange> changes)
    {
        var current = _snapshot;
        var version = current.Version;
        Snapshot.Editor? next = null;
        foreach (var change in changes)
        {
            if (change.Version <= version)
            {
                continue;
            }

            if (change.Version != version + 1)
            {
                break;
            }

            next ??= current.Edit();
            next.Set(change.Target, change.Origin, change.Decision);
            version = change.Version;
        }

        if (next is null)
        {
            return false;
        }

        Volatile.Write(ref _snapshot, next.Build(version));
        return true;
    }
}
