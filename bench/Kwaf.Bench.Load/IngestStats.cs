using System.Text.Json;

namespace Kwaf.Bench.Load;

/// <summary>The counters of <c>GET /events/stats</c> that the load generator waits on.</summary>
internal readonly record struct IngestStats(long Accepted, long Dispatched, long Dropped, long Pending, long Syslog)
{
    public static async Task<IngestStats> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/events/stats", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        return new IngestStats(
            root.GetProperty("accepted").GetInt64(),
            root.GetProperty("dispatched").GetInt64(),
            root.GetProperty("dropped").GetInt64(),
            root.GetProperty("pending").GetInt64(),
            root.GetProperty("syslog").GetProperty("accepted").GetInt64());
    }

    /// <summary>The subject activations the gateway's silo holds now (<c>subjects.active</c>).</summary>
    public static async Task<long> ReadActiveSubjectsAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/events/stats", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.GetProperty("subjects").GetProperty("active").GetInt64();
    }
}
