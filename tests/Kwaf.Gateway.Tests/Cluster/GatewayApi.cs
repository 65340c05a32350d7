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

    /// <summary>
    /// GET /decisions/check with the client in X-Kwaf-Client-IP, as nginx auth_request passes it: the status and
    /// the cache lifetime (X-Accel-Expires, seconds) the answer gives a proxy.
    /// </summary>
    public async Task<(HttpStatusCode Status, int CacheSeconds)> CheckThroughHeadersAsync(string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("decisions/check", UriKind.Relative));
        request.Headers.Add("X-Kwaf-Client-IP", ip);
        using var response = await _http.SendAsync(request);
        var lifetime = response.Headers.TryGetValues("X-Accel-Expires", out var values)
            ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture)
            : -1;
        return (response.StatusCode, lifetime);
    }

    /// <summary>GET /ratings?ip= with the expiries of the enforced decision and of the grain's last decision.</summary>
    public async Task<RatingSnapshot> GetRatingSnapshotAsync(string ip)
    {
        using var response = await _http.GetAsync(new Uri($"ratings?ip={ip}", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new RatingSnapshot(response.StatusCode, 0, null, null, null);
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        var lastExpires = root.TryGetProperty("lastDecision", out var last) && last.ValueKind == JsonValueKind.Object
            ? last.GetProperty("expires").GetDateTimeOffset()
            : (DateTimeOffset?)null;
        return new RatingSnapshot(
            response.StatusCode,
            root.GetProperty("totalEvents").GetInt64(),
            root.GetProperty("decision").GetString(),
            root.GetProperty("decisionExpires") is { ValueKind: JsonValueKind.String } expires
                ? expires.GetDateTimeOffset()
                : null,
            lastExpires);
    }

    /// <summary>POST /decisions: a manual block of <paramref name="ip"/>; the status and, for a 201, the id.</summary>
    public async Task<(HttpStatusCode Status, string? Id)> BlockAsync(string ip, TimeSpan duration, string reason)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ip"] = ip,
            ["kind"] = "block",
            ["durationSeconds"] = (long)duration.TotalSeconds,
            ["reason"] = reason,
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("decisions", UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (response.StatusCode, null);
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.GetProperty("id").GetString());
    }

    /// <summary>DELETE /decisions/{id}: 200 when lifted, 404 when unknown.</summary>
    public async Task<HttpStatusCode> LiftAsync(string id)
    {
        using var response = await _http.DeleteAsync(
            new Uri($"decisions/{Uri.EscapeDataString(id)}", UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>GET /audit?ip=: the kind and decision id of each record, newest first.</summary>
    public async Task<List<(string Kind, string? DecisionId)>> GetAuditAsync(string ip)
    {
        using var response = await _http.GetAsync(new Uri($"audit?ip={ip}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var records = new List<(string Kind, string? DecisionId)>();
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            var decisionId = item.GetProperty("decisionId");
            records.Add((
                item.GetProperty("kind").GetString()!,
                decisionId.ValueKind == JsonValueKind.String ? decisionId.GetString() : null));
        }

        return records;
    }

    public void Dispose() => _http.Dispose();
}
