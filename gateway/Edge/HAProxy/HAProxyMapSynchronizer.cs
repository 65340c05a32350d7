using System.Threading.Channels;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// Follows the gateway's <see cref="DecisionCache"/> and keeps the maps of every configured HAProxy equal to the
/// decisions in force, one independent loop per HAProxy so that a slow or dead one delays no other. A loop runs a
/// round (see <see cref="HAProxyMapFeeder"/>) when the cache changes, when the earliest decision expires (kwaf's
/// clock decides when a ban ends, so the entry is removed at its expiry rather than left to HAProxy's clock), and at
/// least every <see cref="HAProxyOptions.ResyncCheckInterval"/> to notice a reloaded HAProxy. Changes arriving while
/// a round runs are folded into the next one, so a burst costs at most two rounds; a reloaded allowlist wakes the
/// loops too. Failures are logged and retried; nothing here is on the path of a check or of ingestion.
/// </summary>
internal sealed partial class HAProxyMapSynchronizer : BackgroundService
{
    private readonly DecisionCache _cache;
    private readonly DecisionCacheSynchronizer _cacheSynchronizer;
    private readonly TimeProvider _time;
    private readonly HAProxyOptions _options;
    private readonly Allowlist _allowlist;
    private readonly ILogger<HAProxyMapSynchronizer> _logger;

    // One wake-up signal per loop; capacity 1 and DropWrite fold any number of changes into one pending wake-up.
    private readonly List<Channel<bool>> _wakeUps = [];

    public HAProxyMapSynchronizer(
        DecisionCache cache,
        DecisionCacheSynchronizer cacheSynchronizer,
        TimeProvider time,
        IOptions<HAProxyOptions> options,
        Allowlist allowlist,
        ILogger<HAProxyMapSynchronizer> logger)
    {
        _cache = cache;
        _cacheSynchronizer = cacheSynchronizer;
        _time = time;
        _options = options.Value;
        _allowlist = allowlist;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var loops = new List<Task>();
        foreach (var text in _options.RuntimeApi)
        {
            // Validated at start, so every entry parses.
            RuntimeApiEndpoint.TryParse(text, out var endpoint, out _);
            var wakeUp = Channel.CreateBounded<bool>(
                new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
            _wakeUps.Add(wakeUp);
            loops.Add(RunAsync(new HAProxyMapFeeder(endpoint!, _options, _time), wakeUp.Reader, stoppingToken));
        }

        Log.Started(_logger, string.Join(", ", _options.RuntimeApi), _options.IpMap, _options.UserMap);
        _cache.Changed += OnCacheChanged;
        _allowlist.Changed += OnCacheChanged;
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            _cache.Changed -= OnCacheChanged;
            _allowlist.Changed -= OnCacheChanged;
        }
    }

    private void OnCacheChanged(object? sender, EventArgs e)
    {
        foreach (var wakeUp in _wakeUps)
        {
            wakeUp.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync(HAProxyMapFeeder feeder, ChannelReader<bool> wakeUp, CancellationToken stoppingToken)
    {
        var failures = new FailureTally();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var wakeAt = now + _options.ResyncCheckInterval;
            if (_cacheSynchronizer.IsSynchronized)
            {
                // Until the cache holds the board's decisions, a load would wipe the bans HAProxy still enforces.
                var wanted = HAProxyMapContents.Build(
                    _cache.Active(now),
                    _allowlist.Networks,
                    now,
                    _options.UsesTables);
                if (await TryFeedAsync(feeder, wanted, failures, stoppingToken).ConfigureAwait(false)
                    && wanted.NextChange < wakeAt)
                {
                    wakeAt = wanted.NextChange.Value;
                }
            }

            await WaitAsync(wakeUp, wakeAt - _time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryFeedAsync(
        HAProxyMapFeeder feeder,
        HAProxyMapContents wanted,
        FailureTally failures,
        CancellationToken stoppingToken)
    {
        try
        {
            var result = await feeder.FeedAsync(wanted, stoppingToken).ConfigureAwait(false);
            LogSuccess(feeder, wanted, result, failures);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The loop is the boundary: whatever fails (HAProxy gone, a refused command, a bug) is logged and retried
            // with a full load, and never ends the loop, which would stop the host with it.
            var now = _time.GetUtcNow();
            failures.Count++;
            if (failures.Count == 1 || now - failures.LastLogged >= _options.FailureLogInterval)
            {
                Log.FeedFailed(_logger, feeder.Endpoint.Text, failures.Count, _options.ResyncCheckInterval, ex);
                failures.LastLogged = now;
            }

            return false;
        }
    }

    private void LogSuccess(
        HAProxyMapFeeder feeder,
        HAProxyMapContents wanted,
        FeedResult result,
        FailureTally failures)
    {
        if (failures.Count > 0)
        {
            Log.Recovered(_logger, feeder.Endpoint.Text, failures.Count);
            failures.Count = 0;
        }

        if (result.FullLoad)
        {
            Log.Loaded(_logger, feeder.Endpoint.Text, result.Process, wanted.Ips.Count, wanted.Users.Count,
                wanted.Blocks.Count + wanted.Throttles.Count, result.Reason ?? string.Empty);
        }
        else if (result.Entries > 0)
        {
            Log.Updated(_logger, feeder.Endpoint.Text, result.Entries);
        }

        if (wanted.SkippedUsers > 0)
        {
            Log.UsersSkipped(_logger, wanted.SkippedUsers);
        }
    }

    private async Task WaitAsync(ChannelReader<bool> wakeUp, TimeSpan delay, CancellationToken stoppingToken)
    {
        if (delay > TimeSpan.Zero)
        {
            using var timeout = new CancellationTokenSource(delay, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await wakeUp.WaitToReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The delay ran out or the host is stopping; the loop's condition tells which.
            }
        }

        wakeUp.TryRead(out _);
    }

    /// <summary>Failed rounds since the last success, and when the last warning was written.</summary>
    private sealed class FailureTally
    {
        public int Count { get; set; }

        public DateTimeOffset LastLogged { get; set; }
    }
}
