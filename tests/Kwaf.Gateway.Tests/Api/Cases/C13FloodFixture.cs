using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-13's burst, run once for its tests: 100,000 failed logins over 100 s, each from a fresh address in
/// 2001:db8:1::/48 spread over the 16 /64s 2001:db8:1:0::/64 to 2001:db8:1:f::/64, with 10 events whose address
/// gives no key (5 <c>""</c>, 5 <c>"unknown"</c>) mixed into the batches. Test settings: at most 10,000 active
/// subjects, a 60 s window plus 60 s grace before an idle key leaves memory, IPv6 addresses also rated per /64.
/// While the burst runs, the active-subject count is sampled.
/// </summary>
public sealed class C13FloodFixture : IAsyncLifetime
{
    public const int Cap = 10_000;
    public const int Events = 100_000;
    public const int Batches = 50;
    public const int KeylessBatches = 10;
    public const int Prefixes = 16;

    /// <summary>The line of each batch holding its keyless event.</summary>
    public const int KeylessLine = 1234;

    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BurstStart = Start - TimeSpan.FromSeconds(100);

    // 2,000 events, most of them new subjects, rated on two busy cores (other runs and builds beside them).
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(60);

    internal GatewayUnderTest Gateway { get; private set; } = null!;

    /// <summary>The highest active-subject count seen while the burst ran.</summary>
    public long MaxActiveSeen { get; private set; }

    /// <summary>The active-subject count once the burst was delivered, before any test moved the clock.</summary>
    public long ActiveAfterBurst { get; private set; }

    /// <summary>The answers to the burst's batches, in order.</summary>
    public IReadOnlyList<JsonElement> BatchAnswers { get; private set; } = [];

    internal ActiveSubjects Subjects => Gateway.Factory.Services.GetRequiredService<ActiveSubjects>();

    public static string PrefixOf(int subnet) =>
        new IPNetwork(IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"2001:db8:1:{subnet:x}::")), 64)
            .ToString();

    public async Task InitializeAsync()
    {
        Gateway = await GatewayUnderTest.StartAsync(Start, new Dictionary<string, string?>
        {
            ["Kwaf:Grains:MaxActiveSubjects"] = Cap.ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Grains:IdleDeactivation"] = "00:02:00",

            // Idle eviction runs on the write timer, which ticks on the real clock: a short one lets the eviction
            // case see the advanced clock within seconds.
            ["Kwaf:Persistence:WriteInterval"] = "00:00:05",
            ["Kwaf:Pipeline:RateIpv6Networks"] = "true",
        });
        using var sampling = new CancellationTokenSource();
        var sampler = SampleActiveAsync(sampling.Token);
        var answers = new List<JsonElement>();
        var random = new Random(13);
        for (var batch = 0; batch < Batches; batch++)
        {
            using var response = await Gateway.Client.PostEventsAsync(Batch(batch, random), ApiCalls.Ndjson);
            answers.Add(await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, $"burst batch {batch}"));

            // Each batch is delivered before the next is posted: on two busy cores a post that competes with a full
            // pipeline for threads can outlast the call timeout, and the case is about what is kept, not how fast.
            await ApiCalls.EventuallyAsync(
                () => Task.FromResult(Gateway.Factory.Pipeline.Pending == 0),
                DrainBound,
                $"burst batch {batch} delivered to its subjects");
        }

        await sampling.CancelAsync();
        MaxActiveSeen = await sampler;
        ActiveAfterBurst = Subjects.Active;
        BatchAnswers = answers;
        await Gateway.Factory.SettleDecisionsAsync();
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    /// <summary>One batch of the burst; the first 10 hold a keyless event at line <see cref="KeylessLine"/>.</summary>
    private static string Batch(int batch, Random random)
    {
        const int PerBatch = Events / Batches;
        var lines = new StringBuilder(PerBatch * 140);
        for (var i = 0; i < PerBatch; i++)
        {
            if (i == KeylessLine && batch < KeylessBatches)
            {
                lines.Append(Line(BurstStart, batch < KeylessBatches / 2 ? string.Empty : "unknown")).Append('\n');
            }

            var n = (batch * PerBatch) + i;
            lines.Append(Line(BurstStart.AddMilliseconds(n), FreshAddress(n % Prefixes, random))).Append('\n');
        }

        return lines.ToString();
    }

    private static string FreshAddress(int subnet, Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8:1:{subnet:x}:")
        + string.Join(':', Enumerable.Range(0, 4).Select(_ => random.Next(1, 0x10000).ToString("x", null)));

    private static string Line(DateTimeOffset time, string ip) =>
        "{\"time\":\"" + time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        + "\",\"ip\":\"" + ip + "\",\"method\":\"POST\",\"path\":\"/login\",\"status\":401,"
        + "\"userAgent\":\"curl/8.5.0\"}";

    private async Task<long> SampleActiveAsync(CancellationToken stop)
    {
        var subjects = Subjects;
        var max = 0L;
        while (!stop.IsCancellationRequested)
        {
            max = Math.Max(max, subjects.Active);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(max, subjects.Active);
    }
}
