using Kwaf.Decisions;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Kwaf.Grains.Subjects;
using Kwaf.Index;
using Kwaf.Ratings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Index;

/// <summary>
/// The bounded index of risky subjects (eviction rule on <see cref="RiskIndexTable"/>). Updates change memory only;
/// the state is written by a timer when changed (every <see cref="RiskIndexOptions.FlushInterval"/>) and on
/// deactivation, so a crash loses at most one flush interval of updates; subjects re-enter at their next level
/// change. Not reentrant. A flush waits for the store at most <see cref="PersistenceOptions.WriteTimeout"/> and then
/// lets the write finish on its own (C-16): otherwise a locked or slow store would hold every subject's update, and
/// with it their event delivery, behind the flush.
/// </summary>
internal sealed partial class RiskIndexGrain : Grain, IRiskIndexGrain
{
    internal const int MaxPageSize = 1000;

    private readonly IPersistentState<RiskIndexState> _state;
    private readonly RiskIndexOptions _options;
    private readonly ILogger<RiskIndexGrain> _logger;
    private readonly RiskIndexTable _table;
    private readonly TimeProvider _timeProvider;
    private readonly PersistenceOptions _persistence;
    private BoundedStateWriter? _writer;
    private bool _dirty;

    public RiskIndexGrain(
        [PersistentState("riskIndex", "decisions")] IPersistentState<RiskIndexState> state,
        IOptions<RiskIndexOptions> options,
        IOptions<PersistenceOptions> persistenceOptions,
        TimeProvider timeProvider,
        ILogger<RiskIndexGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(persistenceOptions);
        _state = state;
        _persistence = persistenceOptions.Value;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
        _table = new RiskIndexTable(_options.Capacity);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new BoundedStateWriter(
            KwafStorageNames.Decisions,
            ServiceProvider.GetService<StorageHealth>() ?? StorageHealth.Detached,
            _timeProvider,
            _persistence.WriteTimeout,
            _persistence.WriteInterval,
            _persistence.MaxRetryBackoff);
        foreach (var entry in _state.State.Entries)
        {
            _table.Upsert(entry);
        }

        // Kept active, like the decision board, so that no update waits on a read of the store after idle collection.
        this.RegisterGrainTimer(
            FlushAsync,
            new GrainTimerCreationOptions(_options.FlushInterval, _options.FlushInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty && _writer is not null)
        {
            // Not bounded: a clean shutdown waits for the store (Orleans bounds deactivation).
            _state.State.Entries = [.. _table.Entries];
            await _writer.WriteUnboundedAsync(() => _state.WriteStateAsync());
            _writer.Abandon();
        }
    }

    /// <inheritdoc />
    public Task UpdateAsync(RiskIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CheckEntry(entry);
        if (entry.Level == RiskLevel.Ok && entry.Decision == DecisionKind.Allow)
        {
            _dirty |= _table.Remove(entry.Kind, entry.Id);
            return Task.CompletedTask;
        }

        if (_table.Upsert(entry) is { } evicted)
        {
            Log.Evicted(_logger, evicted.Kind, _options.Capacity);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RiskPage> GetPageAsync(string? kind, double minScore, int limit, string? cursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        if (kind is not null && !IsKnownKind(kind))
        {
            throw new ArgumentException($"Risk index kind '{kind}' is unknown; expected ip or user.", nameof(kind));
        }

        var after = cursor is null ? null : RiskIndexCursor.Decode(cursor);
        return Task.FromResult(_table.GetPage(kind, minScore, limit, after));
    }

    private static bool IsKnownKind(string kind) => kind is "ip" or "user";

    private static void CheckEntry(RiskIndexEntry entry)
    {
        if (!IsKnownKind(entry.Kind) || string.IsNullOrEmpty(entry.Id) || !double.IsFinite(entry.Score))
        {
            throw new ArgumentException(
                $"Risk index entry '{entry.Kind}:{entry.Id}' needs kind ip or user, an id and a finite score.",
                nameof(entry));
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty || _writer is not { IsAttemptDue: true } writer)
        {
            return;
        }

        // Updates that arrive while a timed-out write goes on mark the index dirty again for the next flush.
        _state.State.Entries = [.. _table.Entries];
        _dirty = false;
        var result = await writer.WriteBoundedAsync(() => _state.WriteStateAsync());
        if (!result.IsWritten)
        {
            _dirty = true;
            if (result.Error is { } error)
            {
                Log.FlushFailed(_logger, error);
            }
        }
    }
}
