namespace Kwaf.Grains.Policy;

/// <summary>The rating and decision policy (section <c>Kwaf:Policy</c>).</summary>
/// <remarks>
/// The duration lists are null by default and fall back to built-in steps, because the configuration binder appends
/// bound items to a list that already holds defaults instead of replacing them.
/// </remarks>
internal sealed class PolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kwaf:Policy";

    /// <summary>
    /// Half-life of signal points, in event time: a signal's points halve every half-life after its peak. Default
    /// 10 minutes; at least 1 second.
    /// </summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lowest score of the suspicious level. Default 30; greater than 0 and below the high score.</summary>
    public double SuspiciousScore { get; set; } = 30;

    /// <summary>Lowest score of the high level (throttle). Default 60; below the critical score.</summary>
    public double HighScore { get; set; } = 60;

    /// <summary>Lowest score of the critical level (block). Default 80; at most 100.</summary>
    public double CriticalScore { get; set; } = 80;

    /// <summary>
    /// Throttle lengths for the first, second, third... throttle; the last step repeats. Null means the default
    /// 5 minutes, 30 minutes, 2 hours. Each entry positive; 1 to 16 entries.
    /// </summary>
    public TimeSpan[]? ThrottleDurations { get; set; }

    /// <summary>
    /// Block lengths for the first, second, third... block; the last step repeats. Null means the default
    /// 10 minutes, 1 hour, 24 hours. Each entry positive; 1 to 16 entries.
    /// </summary>
    public TimeSpan[]? BlockDurations { get; set; }

    /// <summary>
    /// How long after its last decision expired a subject keeps its offence count; a later decision starts again at
    /// the first step. Default 24 hours; positive.
    /// </summary>
    public TimeSpan OffenceMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Client IPs and CIDR ranges (IPv4 or IPv6; IPv4-mapped IPv6 is read as IPv4) whose events are counted but never
    /// scored, so they are never throttled or blocked, such as monitors and offices. Default empty. Each entry must
    /// parse.
    /// </summary>
    public List<string> Allowlist { get; set; } = [];

    /// <summary>
    /// Shadow mode: policy decisions are made, recorded (audit kind <c>shadow-decision</c>) and shown as they would
    /// be, but never enforced: checks answer allow and name what would have happened in <c>X-Kwaf-Shadow</c>.
    /// Manual decisions stay enforced. Decisions made before the switch keep the mode they were made in. Default
    /// false.
    /// </summary>
    public bool Shadow { get; set; }

    /// <summary>The detectors.</summary>
    public DetectorsOptions Detectors { get; set; } = new();

    /// <summary>The throttle steps in force.</summary>
    public IReadOnlyList<TimeSpan> EffectiveThrottleDurations => ThrottleDurations is { Length: > 0 } steps
        ? steps
        : [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>The block steps in force.</summary>
    public IReadOnlyList<TimeSpan> EffectiveBlockDurations => BlockDurations is { Length: > 0 } steps
        ? steps
        : [TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24)];
}
