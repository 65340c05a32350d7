using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>
/// A real gateway process with API keys configured and loopback clients refused without one: each client does
/// its part with its own key, and the audit log names the admin key.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class ApiKeysProcessTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gateway_KeysConfigured_EachClientDoesItsPartAndTheAuditNamesTheAdmin()
    {
        const string ip = "203.0.113.150";
        using var data = new TempFolder();
        await using var gateway = await GatewayProcess.StartAsync(data.Path, Settings(allowLoopback: false));
        var client = gateway.Client;

        using (var anonymous = await SendAsync(client, HttpMethod.Post, "/events", null, Event(ip)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var ingest = await SendAsync(client, HttpMethod.Post, "/events", KwafRoles.Ingest, Event(ip)))
        {
            Assert.Equal(HttpStatusCode.Accepted, ingest.StatusCode);
        }

        using (var check = await SendAsync(client, HttpMethod.Get, $"/decisions/check?ip={ip}", KwafRoles.Check))
        {
            Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        }

        var ban = JsonSerializer.Serialize(new { ip, kind = "block", durationSeconds = 600, reason = "process" });
        using var added = await SendAsync(client, HttpMethod.Post, "/decisions", KwafRoles.Admin, ban);
        var decision = await ApiCalls.ReadJsonAsync(added, HttpStatusCode.Created, "ban with the admin key");
        await CheckEventuallyAsync(client, ip, HttpStatusCode.Forbidden);
        var record = await ManualAddRecordAsync(client, ip);

        Assert.Equal(decision.GetProperty("id").GetString(), record.GetProperty("decisionId").GetString());
        Assert.Equal(SecurityFixture.KeyName(KwafRoles.Admin), record.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Dashboard_KeysConfigured_Needs401ThenAdminKeyByBasic()
    {
        using var data = new TempFolder();
        await using var gateway = await GatewayProcess.StartAsync(data.Path, Settings(allowLoopback: false));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + SecurityFixture.KeyOf(KwafRoles.Admin)));

        using var anonymous = await gateway.Client.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var admin = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Start_KeyConfiguredWithoutHashForm_StopsNamingTheField()
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string>
        {
            ["Kwaf:Security:ApiKeys:0:Name"] = "nginx",
            ["Kwaf:Security:ApiKeys:0:Roles:0"] = KwafRoles.Check,
            ["Kwaf:Security:ApiKeys:0:Hash"] = "kwaf_pasted-the-key-itself",
        };

        var (exitCode, error) = await GatewayProcess.RunToExitAsync(data.Path, settings);

        Assert.Equal(2, exitCode);
        Assert.Contains("Kwaf:Security:ApiKeys:0 ('nginx'): Kwaf:Security:ApiKeys:0:Hash must start with 'sha256:'",
            error, StringComparison.Ordinal);
        Assert.DoesNotContain("kwaf_pasted-the-key-itself", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(bool allowLoopback)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kwaf:Security:AllowLoopbackWithoutKey"] = allowLoopback ? "true" : "false",
        };
        var index = 0;
        foreach (var role in KwafRoles.All)
        {
            SecurityFixture.AddKey(settings, index++, SecurityFixture.KeyName(role), SecurityFixture.KeyOf(role), role);
        }

        return settings.ToDictionary(s => s.Key, s => s.Value!);
    }

    private static string Event(string ip) => TestEvents.Event(null, ip, "GET", "/", 200);

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpMethod method,
        string route,
        string? role,
        string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(route, UriKind.Relative));
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecurityFixture.KeyOf(role));
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
    }

    private static Task CheckEventuallyAsync(HttpClient client, string ip, HttpStatusCode expected) =>
        ApiCalls.EventuallyAsync(
            async () =>
            {
                using var check = await SendAsync(client, HttpMethod.Get, $"/decisions/check?ip={ip}", KwafRoles.Check);
                return check.StatusCode == expected;
            },
            Propagation,
            $"check of {ip} answering {expected}");

    private static async Task<JsonElement> ManualAddRecordAsync(HttpClient client, string ip)
    {
        JsonElement found = default;
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var response = await SendAsync(client, HttpMethod.Get, $"/audit?ip={ip}", KwafRoles.Read);
                var page = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "audit page with the read key");
                found = page.GetProperty("items").EnumerateArray()
                    .FirstOrDefault(i => i.GetProperty("kind").GetString() == "manual-add");
                return found.ValueKind == JsonValueKind.Object;
            },
            Propagation,
            $"manual-add audit record of {ip}");
        return found;
    }
}
