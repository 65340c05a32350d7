using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kwaf.Grains.Hosting;
using Kwaf.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// The silo's count of active subject grains and the admission rule that bounds it
/// (<see cref="KwafGrainLifetimeOptions.MaxActiveSubjects"/>): a single address or user id is admitted while fewer
/// than 90% of the slots are taken, a network aggregate while any slot is free. A subject that is not admitted counts
/// nothing and leaves memory after its call; its caller folds its events into the aggregate it belongs to. A
/// gateway that co-hosts the silo asks <see cref="CanTake"/> first, so that a flood of new keys at the cap costs no
/// activation at all.
/// </summary>
/// <remarks>
/// Thread-safe: grains of every activation admit and release here. The invariant <c>0 &lt;= Active &lt;= Capacity</c>
/// holds at every instant, because a slot is taken by compare-and-swap only while the count is below the limit. The
/// set of active keys holds exactly the admitted subjects not yet released (at most <c>Capacity</c> entries).
/// </remarks>
internal sealed partial class ActiveSubjects
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Kwaf.Subjects";

    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly int _singleLimit;
    private readonly TimeProvider _time;
    private readonly ILogger<ActiveSubjects>? _logger;
    private readonly Counter<long>? _refusedCounter;
    private readonly Counter<long>? _evictedCounter;
    private readonly ConcurrentDictionary<SubjectKey, byte> _keys = new();
    private long _active;
    private long _refused;
    private long _evicted;
    private long _lastWarningTicks = long.MinValue;

    /// <summary>Creates the silo's count with its metrics.</summary>
    /// <param name="options">The grain lifetime options holding the cap.</param>
    /// <param name="meterFactory">The meter factory.</param>
    /// <param name="time">The host's clock, for the rate of the cap warning.</param>
    /// <param name="logger">The logger for the cap warning.</param>
    public ActiveSubjects(
        IOptions<KwafGrainLifetimeOptions> options,
        IMeterFactory meterFactory,
        TimeProvider time,
        ILogger<ActiveSubjects> logger)
        : this(options.Value.MaxActiveSubjects, time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _logger = logger;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "kwaf.subjects.active",
            () => Active,
            unit: "{subject}",
            description: "Subject grains active on this silo (client IPs, networks, user ids).");
        meter.CreateObservableGauge(
            "kwaf.subjects.capacity",
            () => (long)Capacity,
            unit: "{subject}",
            description: "Most subject grains this silo keeps active (Kwaf:Grains:MaxActiveSubjects).");
        _refusedCounter = meter.CreateCounter<long>(
            "kwaf.subjects.refused",
            unit: "{activation}",
            description: "Subject activations refused at the cap; their events go to an aggregate.");
        _evictedCounter = meter.CreateCounter<long>(
            "kwaf.subjects.evicted",
            unit: "{activation}",
            description: "Subject grains that left memory early after Kwaf:Grains:IdleDeactivation without events.");
    }

    private ActiveSubjects(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _singleLimit = SingleLimitOf(capacity);
        _time = time;
    }

    /// <summary>
    /// A count without a cap that reports to nobody, for grains hosted without kwaf's silo configuration (unit test
    /// clusters).
    /// </summary>
    public static ActiveSubjects Unlimited => new(int.MaxValue, TimeProvider.System);

    /// <summary>The cap: most subjects active at once.</summary>
    public int Capacity { get; }

    /// <summary>
    /// The most single subjects (addresses, users) active under a cap: the last tenth is kept for network
    /// aggregates, so that a flood of new addresses still leaves room to rate them by their networks.
    /// </summary>
    public static int SingleLimitOf(int capacity) => capacity - (capacity / 10);

    /// <summary>Subjects active now.</summary>
    public long Active => Interlocked.Read(ref _active);

    /// <summary>Whether <paramref name="key"/> holds a slot now.</summary>
    /// <param name="key">The subject.</param>
    /// <returns>True while the subject is admitted.</returns>
    public bool Holds(SubjectKey key) => _keys.ContainsKey(key);

    /// <summary>Activations refused at the cap since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Subjects that left memory early, idle and holding no decision in force, since start.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>
    /// Whether a subject may take events on this silo now: it is active, or its share of the slots has room. When
    /// not, the refusal is counted and the caller folds the events without activating the subject. Advisory: a slot
    /// may free or fill right after; <see cref="TryAdmit"/> is the rule that holds.
    /// </summary>
    /// <param name="key">The subject.</param>
    /// <param name="aggregate">Whether the subject is a network aggregate.</param>
    /// <returns>True when a call to the subject will be taken.</returns>
    public bool CanTake(SubjectKey key, bool aggregate)
    {
        if (Interlocked.Read(ref _active) < (aggregate ? Capacity : _singleLimit) || _keys.ContainsKey(key))
        {
            return true;
        }

        Refuse();
        return false;
    }

    /// <summary>Takes a slot for a subject, or refuses it (counted) when its share of the slots is taken.</summary>
    /// <param name="key">The subject.</param>
    /// <param name="aggregate">Whether the subject is a network aggregate, which may use the reserved slots.</param>
    /// <returns>True when admitted; the caller must <see cref="Release"/> the slot when it deactivates.</returns>
    public bool TryAdmit(SubjectKey key, bool aggregate)
    {
        long limit = aggregate ? Capacity : _singleLimit;
        while (true)
        {
            var active = Interlocked.Read(ref _active);
            if (active >= limit)
            {
                Refuse();
                return false;
            }

            if (Interlocked.CompareExchange(ref _active, active + 1, active) == active)
            {
                _keys[key] = 0;
                return true;
            }
        }
    }

    /// <summary>Gives back the slot of a subject that deactivates.</summary>
    /// <param name="key">The subject, as admitted.</param>
    public void Release(SubjectKey key)
    {
        _keys.TryRemove(key, out _);
        Interlocked.Decrement(ref _active);
    }

    /// <summary>Counts a subject that leaves memory early because it was idle.</summary>
    public void Evicting()
    {
        Interlocked.Increment(ref _evicted);
        _evictedCounter?.Add(1);
    }

    private void Refuse()
    {
        var refused = Interlocked.Increment(ref _refused);
        _refusedCounter?.Add(1);
        if (_logger is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTicks);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= WarningInterval)
            && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            Log.CapacityReached(_logger, Capacity, refused);
        }
    }
}
