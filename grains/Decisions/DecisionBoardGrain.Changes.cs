using Kwaf.Decisions;
using Kwaf.Grains.Storage;

namespace Kwaf.Grains.Decisions;

internal sealed partial class DecisionBoardGrain
{
    /// <summary>Fills the in-memory indexes from state, dropping what expired; true when anything was dropped.
    /// </summary>
    private bool LoadState(DateTimeOffset now)
    {
        var dropped = false;
        foreach (var decision in _state.State.Decisions)
        {
            if (decision.IsActiveAt(now))
            {
                _slots[(decision.Target, decision.Origin)] = decision;
                _byId[decision.Id] = decision;
            }
            else
            {
                dropped = true;
            }
        }

        foreach (var lift in _state.State.Lifts)
        {
            if (now < lift.Expires)
            {
                _lifts[lift.DecisionId] = lift;
            }
        }

        return dropped;
    }

    private static Decision CheckPolicyDecision(Decision decision)
    {
        if (decision.Origin != DecisionOrigin.Policy)
        {
            throw new ArgumentException(
                $"Decision {decision.Id} must have policy origin to be published as a policy decision.",
                nameof(decision));
        }

        if (string.IsNullOrEmpty(decision.Id) || !DecisionTarget.TryNormalize(decision.Target, out var target))
        {
            throw new ArgumentException(
                $"Policy decision '{decision.Id}' needs an id and a target ip:ADDRESS, cidr:NETWORK/LENGTH or u:USER.",
                nameof(decision));
        }

        return string.Equals(target, decision.Target, StringComparison.Ordinal)
            ? decision
            : decision with { Target = target };
    }

    private bool IsSuppressed(Decision candidate)
    {
        if (_lifts.TryGetValue(candidate.Id, out var lift) && lift.Suppresses(candidate))
        {
            Log.PolicyIgnored(_logger, candidate.Id, "a copy of a lifted decision");
            return true;
        }

        if (_slots.TryGetValue((candidate.Target, DecisionOrigin.Policy), out var held)
            && (held.Equals(candidate) || candidate.DecidedAt < held.DecidedAt))
        {
            Log.PolicyIgnored(_logger, candidate.Id, "already held, or older than the decision held");
            return true;
        }

        return false;
    }

    /// <summary>Puts <paramref name="decision"/> in its target's slot, replacing what was there.</summary>
    private DecisionChange Store(Decision decision)
    {
        var slot = (decision.Target, decision.Origin);
        if (_slots.TryGetValue(slot, out var replaced))
        {
            _byId.Remove(replaced.Id);
        }

        _slots[slot] = decision;
        _byId[decision.Id] = decision;
        return AppendChange(decision.Target, decision, decision.Origin);
    }

    private DecisionChange Remove(Decision decision)
    {
        _slots.Remove((decision.Target, decision.Origin));
        _byId.Remove(decision.Id);
        return AppendChange(decision.Target, null, decision.Origin);
    }

    private DecisionChange AppendChange(string target, Decision? decision, DecisionOrigin origin)
    {
        _version++;
        _dirty = true;
        var change = new DecisionChange(Version, target, decision, origin);
        _changeLog.Append(change);
        return change;
    }

    private DecisionFeed CreateSnapshot(DateTimeOffset now, long version)
    {
        var changes = new List<DecisionChange>(_slots.Count);
        foreach (var decision in _slots.Values)
        {
            if (decision.IsActiveAt(now))
            {
                changes.Add(new DecisionChange(version, decision.Target, decision, decision.Origin));
            }
        }

        return new DecisionFeed(version, IsSnapshot: true, changes);
    }

    /// <summary>
    /// Returns once every change made before the call is written (or the write gave up, C-16) and pushed. A commit
    /// already under way may not hold the caller's change: the caller then waits for it and starts the next, which
    /// takes every change made meanwhile.
    /// </summary>
    private async Task CommitAsync()
    {
        var target = _version;
        while (_committedVersion < target)
        {
            if (_committing.IsCompleted)
            {
                _committing = CommitPendingAsync();
            }

            await _committing;
        }
    }

    /// <summary>
    /// Writes a dirty board through the commit path (the retry timer, a purge that only dropped lift records), so
    /// that no write ever runs beside a commit's: a commit whose write found another one running would otherwise
    /// push a change the store may never get.
    /// </summary>
    private async Task WriteDirtyAsync()
    {
        while (!_committing.IsCompleted)
        {
            await _committing;
        }

        if (_dirty)
        {
            _committing = CommitPendingAsync();
            await _committing;
        }
    }

    // Never throws: a failed write is logged and the board goes on from memory (C-16), so that no waiting caller
    // fails for it and the committed version always moves on.
    private async Task CommitPendingAsync()
    {
        var upTo = _version;
        var from = _committedVersion;
        try
        {
            await SaveAsync(bounded: true);
        }
        catch (Exception exception)
        {
            Log.WriteFailed(_logger, upTo, StateWriteOutcome.Failed, exception);
        }

        // Committed once written (or given up on): polls may hand these changes out while the push is on its way.
        _committedVersion = upTo;
        if (_changeLog.TryGetSince(from, out var changes))
        {
            // Changes made while the write ran are not in the store yet: the next commit pushes them.
            var pushed = new List<DecisionChange>(changes.Count);
            foreach (var change in changes)
            {
                if (change.Version <= upTo && !_quietVersions.Remove(change.Version))
                {
                    pushed.Add(change);
                }
            }

            if (pushed.Count > 0)
            {
                await NotifyAsync(pushed);
            }
        }
        else
        {
            // More changes than the log keeps: caches find the gap and take a snapshot.
            _quietVersions.Clear();
        }
    }

    /// <summary>
    /// Writes the board, waiting at most the write timeout. A failed or late write leaves the board dirty for the retry
    /// timer; callers go on from memory either way.
    /// </summary>
    private async Task SaveAsync(bool bounded)
    {
        if (bounded && Writer.IsWriting)
        {
            // Writes run one at a time through the commit path, so a running write is one that outlived its timeout:
            // it still holds the previous snapshot, and the retry timer saves after it ends. An unbounded write (a
            // clean shutdown) waits for it instead.
            return;
        }

        // A fresh snapshot per write: a write that outlives its timeout keeps reading its own, unchanged copy.
        _state.State = new DecisionBoardState
        {
            Version = _version,
            Decisions = [.. _slots.Values],
            Lifts = [.. _lifts.Values],
        };
        var savedVersion = _version;
        var result = bounded
            ? await Writer.WriteBoundedAsync(_state.WriteStateAsync)
            : await Writer.WriteUnboundedAsync(_state.WriteStateAsync);
        if (result.IsWritten)
        {
            _dirty = _version != savedVersion;
            return;
        }

        Log.WriteFailed(_logger, savedVersion, result.Outcome, result.Error);
    }

    private async Task RetryWriteAsync(CancellationToken cancellationToken)
    {
        if (_dirty && !cancellationToken.IsCancellationRequested && Writer.IsAttemptDue)
        {
            await WriteDirtyAsync();
        }
    }

    private async Task NotifyAsync(IReadOnlyList<DecisionChange> changes)
    {
        try
        {
            await _observers.Notify(observer => observer.OnDecisionsChangedAsync(changes));
        }
        catch (Exception exception)
        {
            // Caches poll, so a lost push costs at most one poll interval; the board holds the change in memory.
            Log.NotifyFailed(_logger, Version, exception);
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _timeProvider.GetUtcNow();
            var changes = PurgeExpired(now);
            var liftsDropped = PurgeLifts(now);
            if (changes.Count > 0)
            {
                await CommitAsync();
            }
            else if (liftsDropped)
            {
                _dirty = true;
                await WriteDirtyAsync();
            }

            _observers.ClearExpired();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PurgeFailed(_logger, exception);
        }
    }

    private List<DecisionChange> PurgeExpired(DateTimeOffset now)
    {
        var expired = new List<Decision>();
        foreach (var decision in _slots.Values)
        {
            if (!decision.IsActiveAt(now))
            {
                expired.Add(decision);
            }
        }

        var changes = new List<DecisionChange>(expired.Count);
        foreach (var decision in expired)
        {
            changes.Add(Remove(decision));
        }

        return changes;
    }

    private bool PurgeLifts(DateTimeOffset now)
    {
        var before = _lifts.Count;
        foreach (var (id, lift) in _lifts)
        {
            if (now >= lift.Expires)
            {
                _lifts.Remove(id);
            }
        }

        return _lifts.Count != before;
    }
}
