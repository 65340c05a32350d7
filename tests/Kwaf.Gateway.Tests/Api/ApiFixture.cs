using System.Net;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// One gateway per test class, started once and ready before the first test: memory store, fake clock stopped at
/// <see cref="Start"/>, and test settings that make decisions quick to reach (5 failed logins in 60 s block for
/// 10 minutes), an allowlist holding <see cref="AllowlistedIp"/> and a 4 KiB body limit. Tests isolate themselves
/// with addresses and user ids of their own.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string AllowlistedIp = "192.0.2.1";
    public const int MaxBodyBytes = 4096;

    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly KwafApiFactory _factory = new(Start, new Dictionary<string, string?>
    {
        ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = "5",
        ["Kwaf:Policy:Allowlist:0"] = AllowlistedIp + "/32",
        ["Kwaf:Events:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public HttpClient Client { get; private set; } = null!;

    internal KwafApiFactory Factory => _factory;

    public async Task InitializeAsync()
    {
        Client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>Posts failed logins from <paramref name="ip"/> at the fixture's clock and waits until rated.</summary>
    public async Task SendFailedLoginsAsync(string ip, int count)
    {
        var events = Enumerable.Range(0, count).Select(_ => TestEvents.FailedLogin(Start, ip));
        using var response = await Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _factory.FlushAsync();
    }
}
