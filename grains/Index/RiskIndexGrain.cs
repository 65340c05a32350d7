using Kwaf.Decisions;
using Kwaf.Index;
using Kwaf.Ratings;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Index;

/// <summary>
/// The bounded index of risky subjects (eviction rule on <see cref="RiskIndexTable"/>). Updates change memory only;
/// the state is written by a timer when changed (every <see cref="RiskIndexOptions.FlushInterval"/>) and on
/// deactivation, so a crash loses at most one flush interval of updates; subjects re-enter at their next level
/// change. Not reentrant.
/// </summary>
internal sealed partial class RiskIndexGrain : Grain, IRiskIndexGrain
{
    internal const int MaxPageSize = 1000;

    private readonly IPersistentState<RiskIndexState> _state;
    private readonly RiskIndexOptions _options;
    private readonly ILogger<RiskIndexGrain> _logger;
    private readonly RiskIndexTable _table;
    private bool _dirty;

    public RiskIndexGrain(
        [PersistentState("riskIndex", "decisions")] IPersistentState<RiskIndexState> state,
        IOptions<RiskIndexOptions> options,
        ILogger<RiskIndexGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _logger = logger;
        _table = new RiskIndexTable(_options.Capacity);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _state.State.Entries)
        {
            _table.Upsert(entry);
        }

        this.RegisterGrainTimer(FlushAsync, _options.FlushInterval, _options.FlushInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteStateAsync();
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
        if (!_dirty)
        {
            return;
        }

        try
        {
            await WriteStateAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.FlushFailed(_logger, exception);
        }
    }

    private async Task WriteStateAsync()
    {
        _state.State.Entries = [.. _table.Entries];
        await _state.WriteStateAsync();

        // The grain is not reentrant, so no update ran during the write: everything in memory is now stored.
        _dirty = false;
    }
}
