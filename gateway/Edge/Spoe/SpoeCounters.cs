using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// What the SPOE agent has done since the gateway started: as metrics (meter Kwaf.Spoe) and as totals that
/// GET /edge/spoe/stats shows.
/// </summary>
internal sealed class SpoeCounters
{
    public const string MeterName = "Kwaf.Spoe";

    private readonly Counter<long> _frames;
    private readonly Counter<long> _checks;
    private readonly Counter<long> _errors;
    private readonly ConcurrentDictionary<SpopStatus, long> _errorsByStatus = new();
    private long _connectionsTotal;
    private long _connectionsOpen;
    private long _connectionsRejected;
    private long _healthchecks;
    private long _framesTotal;
    private long _checksTotal;
    private long _throttled;
    private long _blocked;

    public SpoeCounters(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _frames = meter.CreateCounter<long>("kwaf.spoe.frames", "{frame}", "SPOP frames received");
        _checks = meter.CreateCounter<long>("kwaf.spoe.checks", "{check}", "kwaf-check messages answered");
        _errors = meter.CreateCounter<long>("kwaf.spoe.errors", "{error}", "Connections closed on a protocol error");
        meter.CreateObservableUpDownCounter(
            "kwaf.spoe.connections.open",
            () => Volatile.Read(ref _connectionsOpen),
            "{connection}",
            "SPOP connections open now");
    }

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsTotal);
        Interlocked.Increment(ref _connectionsOpen);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _connectionsOpen);

    public void ConnectionRejected() => Interlocked.Increment(ref _connectionsRejected);

    public void Healthcheck() => Interlocked.Increment(ref _healthchecks);

    public void Frame()
    {
        Interlocked.Increment(ref _framesTotal);
        _frames.Add(1);
    }

    public void Checked(string decision)
    {
        Interlocked.Increment(ref _checksTotal);
        if (decision == "block")
        {
            Interlocked.Increment(ref _blocked);
        }
        else if (decision == "throttle")
        {
            Interlocked.Increment(ref _throttled);
        }

        if (_checks.Enabled)
        {
            _checks.Add(1, new KeyValuePair<string, object?>("decision", decision));
        }
    }

    public void Error(SpopStatus status)
    {
        _errorsByStatus.AddOrUpdate(status, 1, static (_, n) => n + 1);
        if (_errors.Enabled)
        {
            _errors.Add(1, new KeyValuePair<string, object?>("status", (int)status));
        }
    }

    /// <summary>The totals as the stats endpoint shows them.</summary>
    public SpoeStats Snapshot()
    {
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (status, count) in _errorsByStatus)
        {
            errors[StatusName(status)] = count;
        }

        return new SpoeStats(
            Volatile.Read(ref _connectionsTotal),
            Volatile.Read(ref _connectionsOpen),
            Volatile.Read(ref _connectionsRejected),
            Volatile.Read(ref _healthchecks),
            Volatile.Read(ref _framesTotal),
            Volatile.Read(ref _checksTotal),
            Volatile.Read(ref _throttled),
            Volatile.Read(ref _blocked),
            errors);
    }

    private static string StatusName(SpopStatus status) => status switch
    {
        SpopStatus.Timeout => "timeout",
        SpopStatus.FrameTooBig => "frame_too_big",
        SpopStatus.InvalidFrame => "invalid_frame",
        SpopStatus.NoVersion or SpopStatus.NoMaxFrameSize or SpopStatus.NoCapabilities => "hello_incomplete",
        SpopStatus.UnsupportedVersion => "unsupported_version",
        SpopStatus.BadMaxFrameSize => "bad_max_frame_size",
        SpopStatus.FragmentationNotSupported => "fragmented_frame",
        SpopStatus.ResourceAllocation => "too_many_connections",
        SpopStatus.IoError => "io_error",
        _ => "other",
    };
}
