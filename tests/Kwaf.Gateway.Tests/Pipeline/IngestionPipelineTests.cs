using System.Text;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Pipeline;

public sealed class IngestionPipelineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"kwaf-pipeline-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task StopAsync_EventsAcceptedButNotDelivered_AreDeliveredBeforeTheHostStops()
    {
        // Each batch holds one event of a hot client and 249 events of clients never seen before. New subjects cost
        // an activation and a store read each, so the dispatcher falls behind and the stop finds events queued.
        const int Batches = 20;
        const int EventsPerBatch = 250;
        await using (var first = new KwafApiFactory(Start, SqliteSettings()))
        {
            using var client = first.CreateClient();
            for (var batch = 0; batch < Batches; batch++)
            {
                using var response = await client.PostAsync("/events", Ndjson(batch, EventsPerBatch));
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        await using var second = new KwafApiFactory(Start, SqliteSettings());
        using var reader = second.CreateClient();
        var hot = await reader.GetIpRatingAsync("198.51.100.1");

        Assert.Equal(Batches, hot.GetProperty("totalEvents").GetInt64());
    }

    private Dictionary<string, string?> SqliteSettings() => new()
    {
        ["Kwaf:Storage:Provider"] = "Sqlite",
        ["Kwaf:Storage:DataPath"] = _dataPath,
    };

    private static StringContent Ndjson(int batch, int count)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var second = Start.AddSeconds((batch * count) + i - 20_000).ToUnixTimeSeconds();
            var ip = i == 0 ? "198.51.100.1" : $"10.{batch}.{i / 256}.{i % 256}";
            body.Append("{\"time\":").Append(second).Append(",\"ip\":\"").Append(ip)
                .Append("\",\"method\":\"GET\",\"path\":\"/p\",\"status\":200}\n");
        }

        return new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
    }
}
