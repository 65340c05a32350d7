using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>
/// Blocks and throttles of a trusted proxy or of kwaf's own addresses are refused unless forced; a forced one is
/// logged as a warning and audited as forced, with the admin key's name as the actor.
/// </summary>
public sealed class ManualDecisionGuardTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    [Theory]
    [InlineData("ip", "198.51.100.3", "trusted-proxy")]
    [InlineData("ip", "::ffff:198.51.100.5", "trusted-proxy")]
    [InlineData("cidr", "198.51.100.0/24", "trusted-proxy")]
    [InlineData("cidr", "198.51.100.4/30", "trusted-proxy")]
    [InlineData("ip", "127.0.0.1", "own-address")]
    [InlineData("ip", "127.8.9.10", "own-address")]
    [InlineData("ip", "::1", "own-address")]
    [InlineData("cidr", "127.0.0.0/16", "own-address")]
    public async Task Post_BlockOfProtectedTarget_Answers409NamingTheField(string field, string value, string rule)
    {
        using var response = await PostAsync(Body(field, value, "block", force: false));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Conflict, $"block of {value}");
        Assert.Equal(field, problem.GetProperty("parameter").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Contains("\"force\": true", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ThrottleOfEveryInterfaceAddress_IsRefused()
    {
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => !address.IsIPv6LinkLocal)
            .ToList();

        var statuses = new List<string>();
        foreach (var address in addresses)
        {
            using var response = await PostAsync(Body("ip", address.ToString(), "throttle", force: false));
            statuses.Add($"{address}={(int)response.StatusCode}");
        }

        Assert.NotEmpty(addresses);
        Assert.All(statuses, status => Assert.EndsWith("=409", status, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("198.51.100.2")]
    [InlineData("127.0.0.1")]
    public async Task Post_AllowOfProtectedTarget_IsAccepted(string ip)
    {
        using var response = await PostAsync(Body("ip", ip, "allow", force: false));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_BlockOutsideProtectedTargets_IsAccepted()
    {
        using var response = await PostAsync(Body("cidr", "198.51.100.16/28", "block", force: false));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_ForcedBlockOfTrustedProxy_IsLoggedAndAuditedAsForced()
    {
        const string ip = "198.51.100.6";

        using var response = await PostAsync(Body("ip", ip, "block", force: true));

        var decision = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created, "forced block");
        var warning = Assert.Single(
            fixture.Logs.Entries,
            e => e.EventId.Id == 5303 && Equals(e.Fields["Target"], "ip:" + ip));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(ManualDecisionRefusal.TrustedProxy, warning.Fields["Rule"]);
        Assert.Equal(SecurityFixture.KeyName(KwafRoles.Admin), warning.Fields["Actor"]);
        var record = await AuditRecordAsync(ip, decision.GetProperty("id").GetString()!);
        Assert.Equal(SecurityFixture.KeyName(KwafRoles.Admin), record.GetProperty("actor").GetString());
        Assert.Equal("[forced over trusted-proxy] guard test", record.GetProperty("cause").GetString());
    }

    private static object Body(string field, string value, string kind, bool force) => field == "ip"
        ? new { ip = value, kind, durationSeconds = 600, reason = "guard test", force }
        : new { cidr = value, kind, durationSeconds = 600, reason = "guard test", force };

    private Task<HttpResponseMessage> PostAsync(object body)
    {
        var request = SecurityFixture.Request(HttpMethod.Post, "/decisions", SecurityFixture.KeyOf(KwafRoles.Admin));
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return fixture.SendAsync(request);
    }

    private async Task<JsonElement> AuditRecordAsync(string ip, string decisionId)
    {
        JsonElement found = default;
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                var key = SecurityFixture.KeyOf(KwafRoles.Read);
                var request = SecurityFixture.Request(HttpMethod.Get, $"/audit?ip={ip}", key);
                using var response = await fixture.SendAsync(request);
                var page = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "audit page");
                found = page.GetProperty("items").EnumerateArray()
                    .FirstOrDefault(i => i.GetProperty("decisionId").GetString() == decisionId);
                return found.ValueKind == JsonValueKind.Object;
            },
            KwafApiFactory.CallTimeout,
            $"audit record of decision {decisionId}");
        return found;
    }
}
