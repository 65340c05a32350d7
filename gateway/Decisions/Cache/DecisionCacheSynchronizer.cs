using Kwaf.Decisions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>
/// Keeps <see cref="DecisionCache"/> in step with the decision board: a snapshot at start, pushed changes through a
/// subscription renewed every <see cref="DecisionCacheOptions.SubscriptionRenewInterval"/>, and a poll every
/// <see cref="DecisionCacheOptions.PollInterval"/> that catches what a lost push missed. A push that skips a version
/// triggers a poll at once. Failures are logged and retried at the next poll; the cache keeps serving meanwhile.
/// </summary>
internal sealed partial class DecisionCacheSynchronizer : BackgroundService
{
    private readonly DecisionCache _cache;
    private readonly IGrainFactory _grainFactory;
    private readonly TimeProvider _timeProvider;
    private readonly DecisionCacheOptions _options;
    private readonly ILogger<DecisionCacheSynchronizer> _logger;

    // Completed to cut the wait before the next poll short; replaced by the loop after each wait.
    private TaskCompletionSource _pollNow = NewSignal();
    private volatile bool _isSynchronized;

    // Set by RequestResynchronize, cleared by the loop when it acts on it (Interlocked exchange, 1 = requested).
    private int _resynchronizeRequested;

    public DecisionCacheSynchronizer(
        DecisionCache cache,
        IGrainFactory grainFactory,
        TimeProvider timeProvider,
        IOptions<DecisionCacheOptions> options,
        ILogger<DecisionCacheSynchronizer> logger)
    {
        _cache = cache;
        _grainFactory = grainFactory;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>True once the first snapshot from the board has been applied.</summary>
    public bool IsSynchronized => _isSynchronized;

    /// <summary>Applies pushed changes; asks for a poll when they do not follow on from the cache's version.</summary>
    internal void OnPushed(IReadOnlyList<DecisionChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var last = changes[^1].Version;
        _cache.Apply(new DecisionFeed(last, IsSnapshot: false, changes));
        if (_cache.Version < last)
        {
            Volatile.Read(ref _pollNow).TrySetResult();
        }
    }

    /// <summary>
    /// Asks the loop to subscribe again and to replace the cache with a full snapshot at once: for a gateway that
    /// lost a silo or reconnected to the cluster, where the board may have been reactivated without its
    /// subscribers. Safe to call from any thread.
    /// </summary>
    internal void RequestResynchronize()
    {
        Interlocked.Exchange(ref _resynchronizeRequested, 1);
        Volatile.Read(ref _pollNow).TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var board = _grainFactory.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
        var observer = new DecisionCacheObserver(this);
        var reference = _grainFactory.CreateObjectReference<IDecisionObserver>(observer);
        long? subscribedAt = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var resynchronize = Interlocked.Exchange(ref _resynchronizeRequested, 0) == 1;
                if (_options.Push
                    && (resynchronize
                        || subscribedAt is null
                        || _timeProvider.GetElapsedTime(subscribedAt.Value) >= _options.SubscriptionRenewInterval))
                {
                    subscribedAt = await SubscribeAsync(board, reference) ? _timeProvider.GetTimestamp() : null;
                }

                if (!resynchronize || !await ReloadAsync(board))
                {
                    await PollAsync(board);
                }

                await WaitForNextPollAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is a normal outcome.
        }
        finally
        {
            if (subscribedAt is not null)
            {
                await UnsubscribeAsync(board, reference);
            }

            _grainFactory.DeleteObjectReference<IDecisionObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<bool> SubscribeAsync(IDecisionBoardGrain board, IDecisionObserver reference)
    {
        try
        {
            await board.SubscribeAsync(reference);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SubscribeFailed(_logger, exception);
            return false;
        }
    }

    private async Task UnsubscribeAsync(IDecisionBoardGrain board, IDecisionObserver reference)
    {
        try
        {
            await board.UnsubscribeAsync(reference);
        }
        catch (Exception exception)
        {
            // The subscription expires on its own within a minute.
            Log.UnsubscribeFailed(_logger, exception);
        }
    }

    private async Task PollAsync(IDecisionBoardGrain board)
    {
        try
        {
            var since = _cache.Version;
            var feed = await board.GetChangesAsync(since);
            if (feed.IsSnapshot && feed.Version < since)
            {
                Log.BoardVersionWentBack(_logger, since, feed.Version);
                _cache.Reset(feed);
            }
            else
            {
                _cache.Apply(feed);
            }

            if (!_isSynchronized)
            {
                _isSynchronized = true;
                Log.Synchronized(_logger, _cache.Version);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PollFailed(_logger, _cache.Version, exception);
        }
    }

    private async Task<bool> ReloadAsync(IDecisionBoardGrain board)
    {
        try
        {
            var snapshot = await board.GetChangesAsync(-1);
            _cache.Reset(snapshot);
            Log.Resynchronized(_logger, snapshot.Version);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Asked again so that the next round retries the reload, not just a delta poll.
            Interlocked.Exchange(ref _resynchronizeRequested, 1);
            Log.PollFailed(_logger, _cache.Version, exception);
            return false;
        }
    }

    private async Task WaitForNextPollAsync(CancellationToken stoppingToken)
    {
        var pollNow = Volatile.Read(ref _pollNow);
        if (!pollNow.Task.IsCompleted)
        {
            using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(_options.PollInterval, _timeProvider, delayCancellation.Token);
            await Task.WhenAny(delay, pollNow.Task);
            await delayCancellation.CancelAsync();
        }

        // A request that arrives between the wait and this swap is served by the poll that follows anyway.
        Interlocked.CompareExchange(ref _pollNow, NewSignal(), pollNow);
        stoppingToken.ThrowIfCancellationRequested();
    }
}
