using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// One address for many users, as an office or a carrier NAT gives, with no allowlist: users signing in (each answer
/// naming its user) and working are not taken for an attack; failed logins for many user ids from it still are.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SharedAddressTests : IDisposable
{
    private const string Office = "198.51.100.77";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Office_FortyUsersSignInAndWork_NoSignalAndCheck204()
    {
        await using var gateway = await StartAsync();
        var events = new List<string>();
        for (var user = 0; user < 40; user++)
        {
            var at = T0.AddSeconds(user * 12);
            var id = "employee-" + user;
            events.Add(TestEvents.Event(at, Office, "POST", "/login", 302, userId: id));
            events.Add(TestEvents.Event(at.AddSeconds(2), Office, "GET", "/orders", 200, userId: id));
            events.Add(TestEvents.Event(at.AddSeconds(4), Office, "POST", "/orders", 201, userId: id));
        }

        // Two of them, signed out since, mistype their password once.
        events.Add(TestEvents.Event(T0.AddMinutes(8), Office, "POST", "/login", 401, userId: "employee-3"));
        events.Add(TestEvents.Event(T0.AddMinutes(9), Office, "POST", "/login", 401, userId: "employee-9"));
        await gateway.SendAsync([.. events]);

        var check = await gateway.CheckAsync(Office);
        var rating = await gateway.Client.GetIpRatingAsync(Office);

        Assert.Equal(HttpStatusCode.NoContent, check);
        Assert.Empty(SignalNames(rating));
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Office_FailedLoginsForEightUserIds_CredentialStuffingAndNotAllowed()
    {
        await using var gateway = await StartAsync();
        var events = Enumerable.Range(0, 8)
            .Select(i => TestEvents.FailedLogin(T0.AddSeconds(i * 30), Office, "victim-" + i))
            .ToArray();
        await gateway.SendAsync(events);

        var check = await gateway.CheckAsync(Office);
        var rating = await gateway.Client.GetIpRatingAsync(Office);

        Assert.Contains("credential-stuffing", SignalNames(rating));
        Assert.NotEqual(HttpStatusCode.NoContent, check);
        Assert.NotEqual("allow", rating.GetProperty("decision").GetString());
    }

    private static List<string?> SignalNames(JsonElement rating) =>
        [.. rating.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString())];

    private Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(
        T0.AddMinutes(10),
        new Dictionary<string, string?>
        {
            ["Kwaf:Storage:Provider"] = "Sqlite",
            ["Kwaf:Storage:DataPath"] = _data.Path,
        });
}
