using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Mirror;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>
/// Every endpoint needs its role: 401 without a key, 403 with a key lacking the role, served with it.
/// </summary>
public sealed class EndpointRolesTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    /// <summary>Method, route, role needed, and the status of a served request.</summary>
    public static TheoryData<string, string, string, int> Endpoints => new()
    {
        { "POST", "/events", KwafRoles.Ingest, 202 },
        { "GET", "/events/mirror", KwafRoles.Ingest, 204 },
        { "GET", "/decisions/check?ip=203.0.113.61", KwafRoles.Check, 204 },
        { "GET", "/ratings", KwafRoles.Read, 200 },
        { "GET", "/audit", KwafRoles.Read, 200 },
        { "GET", "/decisions", KwafRoles.Read, 200 },
        { "GET", "/events/stats", KwafRoles.Read, 200 },
        { "GET", "/edge/spoe/stats", KwafRoles.Read, 200 },
        { "GET", "/openapi/v1.json", KwafRoles.Read, 200 },
        { "POST", "/decisions", KwafRoles.Admin, 201 },
        { "DELETE", "/decisions/no-such-decision", KwafRoles.Admin, 404 },
        { "GET", "/dashboard/", KwafRoles.Admin, 200 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_NoKeyFromAnotherHost_Answers401Problem(string method, string route, string role, int ok)
    {
        using var response = await fixture.SendAsync(Build(method, route, key: null));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Unauthorized, $"{method} {route} no key");
        Assert.Equal("missing-key", problem.GetProperty("reason").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.NotEqual(ok, (int)response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        Assert.False(string.IsNullOrEmpty(role));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_KeyLackingTheRole_Answers403NamingIt(string method, string route, string role, int ok)
    {
        var other = KwafRoles.All.First(r => r != role && r != KwafRoles.Admin);

        using var response = await fixture.SendAsync(Build(method, route, SecurityFixture.KeyOf(other)));

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Forbidden, $"{method} {route} as {other}");
        Assert.Equal(role, problem.GetProperty("role").GetString());
        Assert.Equal(SecurityFixture.KeyName(other), problem.GetProperty("key").GetString());
        Assert.NotEqual(ok, (int)response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_KeyWithTheRole_IsServed(string method, string route, string role, int ok)
    {
        using var response = await fixture.SendAsync(Build(method, route, SecurityFixture.KeyOf(role)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(ok == (int)response.StatusCode, $"{method} {route} as {role}: {response.StatusCode} {body}");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_AdminKey_IsServed(string method, string route, string role, int ok)
    {
        using var response = await fixture.SendAsync(Build(method, route, SecurityFixture.KeyOf(KwafRoles.Admin)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(ok == (int)response.StatusCode, $"{method} {route} (needs {role}) as admin: {body}");
    }

    [Fact]
    public async Task Check_UnknownKeyFromLoopback_Answers401UnknownKey()
    {
        var request = SecurityFixture.Request(HttpMethod.Get, "/decisions/check?ip=203.0.113.62", "kwaf_wrong", null);

        using var response = await fixture.SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Unauthorized, "unknown key");
        Assert.Equal("unknown-key", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Audit_NoKeyFromLoopback_IsServedByDefault()
    {
        var request = SecurityFixture.Request(HttpMethod.Get, "/audit", key: null, peer: null);

        using var response = await fixture.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Check_KeyInKwafHeader_IsServed()
    {
        var request = SecurityFixture.Request(HttpMethod.Get, "/decisions/check?ip=203.0.113.63", key: null);
        request.Headers.Add(PresentedKey.Header, SecurityFixture.KeyOf(KwafRoles.Check));

        using var response = await fixture.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_NoKeyFromAnotherHost_IsServed(string route)
    {
        using var response = await fixture.SendAsync(SecurityFixture.Request(HttpMethod.Get, route, key: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_NoKey_Answers401WithBasicChallenge()
    {
        using var response = await fixture.SendAsync(SecurityFixture.Request(HttpMethod.Get, "/dashboard/", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData(KwafRoles.Admin, HttpStatusCode.OK)]
    [InlineData(KwafRoles.Read, HttpStatusCode.Forbidden)]
    public async Task Dashboard_KeyAsBasicPassword_NeedsAdmin(string role, HttpStatusCode expected)
    {
        var request = SecurityFixture.Request(HttpMethod.Get, "/dashboard/", key: null);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + SecurityFixture.KeyOf(role)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        using var response = await fixture.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Mirror_ClientBearerBesideProxyKey_IsServedByTheProxyKey()
    {
        var request = Build("GET", "/events/mirror", key: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "a-client-of-the-site");
        request.Headers.Add(PresentedKey.Header, SecurityFixture.KeyOf(KwafRoles.Ingest));

        using var response = await fixture.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Mirror_ClientBearerWithoutProxyKey_IsNotTakenForAKey()
    {
        var request = Build("GET", "/events/mirror", key: null);
        var ingestKey = SecurityFixture.KeyOf(KwafRoles.Ingest);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey);

        using var response = await fixture.SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Unauthorized, "mirror, client bearer");
        Assert.Equal("missing-key", problem.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(KwafRoles.Read, HttpStatusCode.NotFound)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task UnknownPath_AnswersNotFoundOnlyToAKnownCaller(string? role, HttpStatusCode expected)
    {
        var key = role is null ? null : SecurityFixture.KeyOf(role);

        using var response = await fixture.SendAsync(SecurityFixture.Request(HttpMethod.Get, "/no/such/path", key));

        Assert.Equal(expected, response.StatusCode);
    }

    private static HttpRequestMessage Build(string method, string route, string? key)
    {
        var request = SecurityFixture.Request(new HttpMethod(method), route, key);
        if (route == "/events")
        {
            var body = TestEvents.Event(null, "203.0.113.64", "GET", "/", 200);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        else if (route == "/decisions" && method == "POST")
        {
            var body = new
            {
                userId = "u-sec-" + Guid.NewGuid().ToString("N"),
                kind = "throttle",
                durationSeconds = 60,
                reason = "role test",
            };
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        else if (route == "/events/mirror")
        {
            // A mirror's Authorization header is the mirrored client's: the proxy's key travels in X-Kwaf-Key.
            request.Headers.Add(MirrorHeaders.ClientIp, "203.0.113.65");
            request.Headers.Authorization = null;
            if (key is not null)
            {
                request.Headers.Add(PresentedKey.Header, key);
            }
        }

        return request;
    }
}
