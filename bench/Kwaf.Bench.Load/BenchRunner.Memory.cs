namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    private const string SubjectPath = "/products/";
    private const int NewSubjectWarmUpShare = 10;
    private const double SettledCpuPerSecond = 0.5;
    private const int ScaleWarmUpPasses = 4;
    private static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FirstWritesDue = TimeSpan.FromSeconds(30);
    private readonly Dictionary<int, double> _settledSeconds = [];

    /// <summary>
    /// Idle memory, then workload (b): every event a new IP, up to each scale (100k, and 1M in full mode), with the
    /// working set per subject at each scale and the cost of events for already active subjects there; then the same
    /// cost at 10k subjects in a fresh gateway.
    /// </summary>
    private async Task RunMemoryAndScaleAsync(CancellationToken cancellationToken)
    {
        var costs = new Dictionary<int, IngestRun[]>();
        var spreadCosts = new Dictionary<int, IngestRun[]>();

        // Room for every subject of the largest scale below the cap's share for single addresses (90%), so that each
        // scale is that many active subjects rather than the default cap with the rest folded into networks.
        var cap = settings.SubjectScales[^1] / 9 * 10 + 10_000;
        string[] roomy = [$"--Kwaf:Grains:MaxActiveSubjects={cap}"];
        await using (var gateway = await StartGatewayAsync("gateway-memory", roomy, cancellationToken))
        {
            using var client = ClientFor(gateway);
            var driver = new IngestDriver(gateway, client);
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var idle = gateway.ResidentBytes;
            Add("memory.idleBytes", [idle], "bytes", 0, MachineStats.LoadAverage(),
                "working set (VmRSS) of a fresh embedded gateway 5 s after it answered /health/ready",
                "< 200 MB (200,000,000 bytes)", v => v < 200_000_000);
            var active = 0;
            var newSubjectRuns = new List<IngestRun>();
            foreach (var scale in settings.SubjectScales)
            {
                if (active == 0)
                {
                    // The first tenth warms the path up untimed (JIT, pools), as every other figure's warm-up does;
                    // those subjects count among the scale's.
                    active = scale / NewSubjectWarmUpShare;
                    await AddSubjectsAsync(driver, 0, active, cancellationToken);
                }

                newSubjectRuns.Add(await AddSubjectsAsync(driver, active, scale, cancellationToken));
                active = scale;
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                var resident = gateway.ResidentBytes;
                var subjects = await IngestStats.ReadActiveSubjectsAsync(client, cancellationToken);
                Add($"memory.bytesPerSubject.at{Label(scale)}", [(resident - idle) / (double)subjects], "bytes",
                    0, MachineStats.LoadAverage(),
                    $"(working set with {subjects} active IP subjects - idle working set) / {subjects} "
                    + $"(subjects.active of /events/stats after {scale} new addresses; cap {cap}); includes the "
                    + "Orleans activation and garbage not yet collected, so an upper bound",
                    "<= 4096", v => v <= 4096);
                await IdleCostAsync(gateway, scale, cancellationToken);
                _settledSeconds[scale] = await SettleAsync(gateway, cancellationToken);
                Add($"memory.settledBytesPerSubject.at{Label(scale)}",
                    [(gateway.ResidentBytes - idle) / (double)subjects], "bytes", 0, MachineStats.LoadAverage(),
                    $"as memory.bytesPerSubject.at{Label(scale)}, read again after the idle measurement and once "
                    + $"the gateway had settled ({_settledSeconds[scale]:0} s of settling, first state writes done): "
                    + "what the subjects hold once the burst is over",
                    "none (informational)", null);
                costs[scale] = await ScaleCostAsync(driver, scale, BenchSettings.SmallScale, cancellationToken);
                spreadCosts[scale] = await ScaleCostAsync(driver, scale, scale, cancellationToken);
            }

            if (!settings.SubjectScales.Contains(1_000_000))
            {
                Add("memory.bytesPerSubject.at1M", [double.NaN], "bytes", 0, 0,
                    "not measured in quick mode: scripts/bench.sh without --quick measures it", "<= 4096", null);
            }

            Add("ingest.worstCase.newSubjectsPerSecond", [.. newSubjectRuns.Select(r => r.EventsPerSecond)],
                "subjects/s", newSubjectRuns.Sum(r => r.CpuSeconds), newSubjectRuns.Max(r => r.Load),
                $"Kwaf.Bench.Load, workload (b): every event a new IP, 1000-event arrays, wall clock until dispatched; "
                + "one run per scale step, the first after an untimed tenth of its subjects. Each new subject writes "
                + "its state within a write interval (30 s) after it started; in a run shorter than that, those "
                + "writes land in the idle figure that follows. "
                + Describe(newSubjectRuns),
                ">= 10000", v => v >= 10_000);
        }

        await using (var small = await StartGatewayAsync("gateway-small", [], cancellationToken))
        {
            using var client = ClientFor(small);
            var driver = new IngestDriver(small, client);
            await AddSubjectsAsync(driver, 0, BenchSettings.SmallScale, cancellationToken);
            _settledSeconds[BenchSettings.SmallScale] = await SettleAsync(small, cancellationToken);
            costs[BenchSettings.SmallScale] = await ScaleCostAsync(
                driver, BenchSettings.SmallScale, BenchSettings.SmallScale, cancellationToken);
            spreadCosts[BenchSettings.SmallScale] = costs[BenchSettings.SmallScale];
        }

        var largest = settings.SubjectScales[^1];
        var smallScale = BenchSettings.SmallScale;
        var settled = $"each measured once the first state writes of the subjects just created were done (the "
            + $"gateway's CPU below {SettledCpuPerSecond} CPU s/s; waited {_settledSeconds[largest]:0} s and "
            + $"{_settledSeconds[smallScale]:0} s)"
            + (settings.Quick ? "; quick mode compares 100k, not 1M" : string.Empty);
        var (large, baseline) = (MedianMicros(costs[largest]), MedianMicros(costs[smallScale]));
        Add("ingest.scaleCostRatio", [large / baseline], "ratio",
            costs[largest].Sum(r => r.CpuSeconds) + costs[smallScale].Sum(r => r.CpuSeconds),
            costs[largest].Max(r => r.Load),
            $"server CPU per event for events of {smallScale} subjects picked across {largest} active "
            + $"({large:0.00} us) / the same with {smallScale} active ({baseline:0.00} us): the same subjects per "
            + $"event, batching and writes at both scales, so the ratio is what holding more subjects costs; {settled}",
            "<= 1.5 (1M vs 10k)", v => v <= 1.5);
        var spread = MedianMicros(spreadCosts[largest]);
        Add("ingest.scaleCostSpreadRatio", [spread / baseline], "ratio",
            spreadCosts[largest].Sum(r => r.CpuSeconds), spreadCosts[largest].Max(r => r.Load),
            $"server CPU per event for events spread evenly over all {largest} active subjects ({spread:0.00} us) / "
            + $"the same over {smallScale} ({baseline:0.00} us): at the larger scale nearly every event is for a "
            + "subject no other event of the run names, so it travels in a call of its own and makes a state write "
            + "of its own, which is most of the difference",
            "none (informational)", null);
    }

    private static double MedianMicros(IngestRun[] runs) => Stats.Median(runs.Select(r => r.CpuMicrosPerEvent));

    /// <summary>
    /// Server CPU while no event arrives, with <paramref name="scale"/> subjects active: the background work per
    /// active subject (timers, writes of what changed) that every event figure at that scale also carries.
    /// </summary>
    private async Task IdleCostAsync(ServerProcess gateway, int scale, CancellationToken cancellationToken)
    {
        var seconds = settings.Quick ? 10 : 30;
        var cpu = gateway.CpuSeconds;
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        var used = gateway.CpuSeconds - cpu;
        Add($"memory.idleCpuSecondsPerSecond.at{Label(scale)}", [used / seconds], "CPU s/s", used,
            MachineStats.LoadAverage(),
            $"server CPU over {seconds} s with no events and {scale} active subjects, per second of wall time",
            "none (profile)", null);
    }

    /// <summary>
    /// Waits until the gateway has finished the first state writes of the subjects just created (about 150 us of CPU
    /// each, at most 256 at once: after a burst of 900,000 they outlast the idle measurement): at least
    /// <see cref="FirstWritesDue"/>, then until its CPU over <see cref="SettleWindow"/> falls below
    /// <see cref="SettledCpuPerSecond"/>, or <see cref="MaxSettle"/> passes.
    /// Returns the seconds waited.
    /// </summary>
    private static async Task<double> SettleAsync(ServerProcess gateway, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var rate = double.NaN;

        // A new subject's first write comes 15 to 30 s after it started (half to one write interval, spread so that
        // a burst does not write all at once): a gateway that looks quiet before that has not begun them.
        await Task.Delay(FirstWritesDue, cancellationToken);
        while (TimeProvider.System.GetElapsedTime(started) < MaxSettle)
        {
            var cpu = gateway.CpuSeconds;
            await Task.Delay(SettleWindow, cancellationToken);
            rate = (gateway.CpuSeconds - cpu) / SettleWindow.TotalSeconds;
            if (rate < SettledCpuPerSecond)
            {
                break;
            }
        }

        var waited = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        Log($"settled after {waited:0} s at {rate:0.00} CPU s/s");
        return waited;
    }

    private static string Label(int scale) => scale >= 1_000_000 ? scale / 1_000_000 + "M" : scale / 1000 + "k";

    private static string SubjectIp(int index) =>
        "11." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);

    private async Task<IngestRun> AddSubjectsAsync(
        IngestDriver driver,
        int from,
        int to,
        CancellationToken cancellationToken)
    {
        var objects = new List<string>(to - from);
        for (var i = from; i < to; i++)
        {
            var request = new SampleRequest(SubjectIp(i), null, "GET", SubjectPath + i, 200, 9120, "Mozilla/5.0");
            objects.Add(Encodings.Json(request, EventTime(i - from, to - from)));
        }

        var bodies = Bodies(objects, BenchSettings.BatchSize, ndjson: false);
        var run = await driver.PostAsync(bodies, JsonType, cancellationToken);
        Log($"new subjects {from}..{to}: {Describe([run])}");
        return run;
    }

    /// <summary>
    /// Ordinary events for <paramref name="subjects"/> of the <paramref name="scale"/> subjects already active, one
    /// picked at random in each of as many equal stretches of them (all of them when the two are equal), each event
    /// for one of those picked evenly.
    /// </summary>
    private async Task<IngestRun[]> ScaleCostAsync(
        IngestDriver driver,
        int scale,
        int subjects,
        CancellationToken cancellationToken)
    {
        var population = new Population(1000, 1000, seed: 5);
        var stretch = scale / subjects;
        var picked = new int[subjects];
        for (var i = 0; i < subjects; i++)
        {
            picked[i] = (i * stretch) + population.Random.Next(stretch);
        }

        var objects = new List<string>(settings.ScaleEvents);
        for (var i = 0; i < settings.ScaleEvents; i++)
        {
            var request = Workload.Next(population) with
            {
                Ip = SubjectIp(picked[population.Random.Next(subjects)]),
                UserId = null,
            };
            objects.Add(Encodings.Json(request, EventTime(i, settings.ScaleEvents)));
        }

        var bodies = Bodies(objects, BenchSettings.BatchSize, ndjson: false);

        // Untimed, as every other figure's warm-up: the gateway at 10k has just started, and with one pass its five
        // runs still fell from 32 to 16 us an event as the JIT recompiled the hot paths.
        for (var pass = 0; pass < ScaleWarmUpPasses; pass++)
        {
            await driver.PostAsync(bodies, JsonType, cancellationToken);
        }

        var runs = new IngestRun[settings.Repetitions];
        for (var r = 0; r < runs.Length; r++)
        {
            runs[r] = await driver.PostAsync(bodies, JsonType, cancellationToken);
        }

        Log($"cost at {scale} subjects, events for {subjects} of them: {Describe(runs)}");
        return runs;
    }
}
