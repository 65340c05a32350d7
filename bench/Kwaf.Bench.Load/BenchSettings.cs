namespace Kwaf.Bench.Load;

/// <summary>What a run measures and how much: quick mode takes fewer repetitions and smaller counts.</summary>
internal sealed record BenchSettings(
    string GatewayDll,
    string BareDll,
    string WorkFolder,
    string OutFolder,
    bool Quick,
    string? Postgres,
    string? MicroFolder,
    string? Fail2BanRegex,
    string? Stages)
{
    /// <summary>
    /// Whether a stage (embedded, check, profile, memory, replay, persistence) is to run; all by default.
    /// </summary>
    public bool Runs(string stage) =>
        Stages is null || Stages.Split(',', StringSplitOptions.TrimEntries).Contains(stage);

    public string Mode => Quick ? "quick" : "full";

    public int Repetitions => Quick ? 3 : 5;

    public int ProfileEvents => Quick ? 20_000 : 100_000;

    public const int PopulationIps = 100_000;

    public const int PopulationUsers = 50_000;

    public int RealisticEvents => Quick ? 30_000 : 200_000;

    public int FormatEvents => Quick ? 20_000 : 100_000;

    /// <summary>
    /// How long a realistic ingestion run keeps sending: more than the gateway's default write interval (30 s), so
    /// that every run includes the periodic writes of the subjects it keeps busy.
    /// </summary>
    public TimeSpan SustainedRun => TimeSpan.FromSeconds(Quick ? 35 : 65);

    /// <summary>Sustained runs per figure: two in quick mode, which keeps the whole suite under 10 minutes.</summary>
    public int SustainedRepetitions => Quick ? 2 : Repetitions;

    public const int BatchSize = 1000;

    public IReadOnlyList<int> SubjectScales => Quick ? [100_000] : [100_000, 1_000_000];

    public const int SmallScale = 10_000;

    public int ScaleEvents => Quick ? 20_000 : 100_000;

    public TimeSpan CheckDuration => TimeSpan.FromSeconds(Quick ? 5 : 10);

    public int ReplayLines => Quick ? 100_000 : 1_000_000;

    public const int PropagationTries = 5;

    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        string Required(string name) =>
            Value(name) ?? throw new ArgumentException($"Missing {name}: see scripts/bench.sh for the usage.");

        return new BenchSettings(
            Required("--gateway"),
            Required("--bare"),
            Required("--work"),
            Required("--out"),
            args.Contains("--quick"),
            Value("--postgres"),
            Value("--micro"),
            Value("--fail2ban-regex"),
            Value("--stages"));
    }
}
