using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    /// <summary>
    /// From the POST carrying the events that cross the block threshold (a scanner agent asking for sensitive files)
    /// to the first <c>/decisions/check</c> answering 403, polled every millisecond or so.
    /// </summary>
    private async Task RunPropagationAsync(ServerProcess gateway, HttpClient client, CancellationToken token)
    {
        var latencies = new List<double>();
        var cpu = gateway.CpuSeconds;
        for (var t = 0; t < BenchSettings.PropagationTries; t++)
        {
            var ip = "172.31.9." + (t + 1);
            var time = TimeProvider.System.GetUtcNow();
            var objects = new List<string>();
            foreach (var path in new[] { "/.env", "/.git/config", "/backup.sql" })
            {
                objects.Add(Encodings.Json(new SampleRequest(ip, null, "GET", path, 404, 153, "sqlmap/1.7.2"), time));
            }

            using (var first = await client.GetAsync("/decisions/check?ip=" + ip, token))
            {
                if (first.StatusCode != HttpStatusCode.NoContent)
                {
                    throw new InvalidOperationException($"propagation: {ip} was not allowed before its events.");
                }
            }

            var clock = Stopwatch.StartNew();
            using var content = new StringContent("[" + string.Join(",", objects) + "]", Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using (var posted = await client.PostAsync("/events", content, token))
            {
                posted.EnsureSuccessStatusCode();
            }

            latencies.Add(await PollUntilDeniedAsync(client, ip, clock, token));
        }

        Add("propagation.blockLatencyMs", latencies, "ms", gateway.CpuSeconds - cpu, MachineStats.LoadAverage(),
            "Kwaf.Bench.Load: POST of 3 events (scanner agent, sensitive paths) for a fresh IP, then GET "
            + "/decisions/check polled until 403; time from the POST's start", "< 1000", v => v < 1000);
    }

    private static async Task<double> PollUntilDeniedAsync(
        HttpClient client,
        string ip,
        Stopwatch clock,
        CancellationToken token)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await client.GetAsync("/decisions/check?ip=" + ip, token);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                return clock.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(1, token);
        }

        return double.PositiveInfinity;
    }
}
