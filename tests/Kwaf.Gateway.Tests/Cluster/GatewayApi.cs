using System.Net;
using System.Text;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>The calls the cluster tests make on a gateway over HTTP.</summary>
internal sealed class GatewayApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Posts <paramref name="count"/> failed logins (POST /login answered 401) from each address.</summary>
    public async Task<HttpStatusCode> PostFailedLoginsAsync(IEnumerable<string> ips, int count)
    {
        var body = new StringBuilder();
        foreach (var ip in ips)
        {
            for (var index = 0; index < count; index++)
            {
                body.Append("{\"ip\":\"").Append(ip).Append("\",\"method\":\"POST\",\"path\":\"/login\",")
                    .Append("\"status\":401,\"userAgent\":\"curl/8.5.0\"}\n");
            }
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var response = await _http.PostAsync(new Uri("events", UriKind.Relative), content);
        return response.StatusCode;
    }

    /// <summary>GET /ratings?ip=: the status, and for a 200 the total events and the decision in force.</summary>
    public async Task<(HttpStatusCode Status, long TotalEvents, string? Decision)> GetRatingAsync(string ip)
    {
        using var response = await _http.GetAsync(new Uri($"ratings?ip={ip}", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, 0, null);
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var decision = root.TryGetProperty("decision", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return (response.StatusCode, root.GetProperty("totalEvents").GetInt64(), decision);
    }

    /// <summary>GET /decisions/check?ip=: 204 allows, 403 denies.</summary>
    public async Task<HttpStatusCode> CheckAsync(string ip)
    {
        using var response = await _http.GetAsync(new Uri($"decisions/check?ip={ip}", UriKind.Relative));
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
