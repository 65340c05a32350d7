using System.Net.Http.Headers;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>
/// One in-process gateway with an API key per role (and one admin key), loopback clients still served without a
/// key (the default), <see cref="TrustedProxy"/> as the trusted proxy network, and a capturing log sink. Requests
/// act as a client on another host by naming <see cref="RemotePeer"/> in <see cref="TestPeerStartupFilter.Header"/>.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string RemotePeer = "203.0.113.200";
    public const string TrustedProxy = "198.51.100.0/29";

    public static readonly DateTimeOffset Start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly KwafApiFactory _factory;

    public SecurityFixture()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kwaf:ClientIp:TrustedProxies:0"] = TrustedProxy,
        };
        var index = 0;
        foreach (var role in KwafRoles.All)
        {
            AddKey(settings, index++, KeyName(role), KeyOf(role), role);
        }

        _factory = new KwafApiFactory(Start, settings, services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public HttpClient Client { get; private set; } = null!;

    internal CapturingLoggerProvider Logs { get; } = new();

    internal KwafApiFactory Factory => _factory;

    /// <summary>The secret of the test key that holds <paramref name="role"/> alone.</summary>
    public static string KeyOf(string role) => $"kwaf_test-{role}-key-0123456789abcdef";

    public static string KeyName(string role) => $"{role}-key";

    internal static void AddKey(Dictionary<string, string?> settings, int index, string name, string key, string role)
    {
        settings[$"Kwaf:Security:ApiKeys:{index}:Name"] = name;
        settings[$"Kwaf:Security:ApiKeys:{index}:Roles:0"] = role;
        settings[$"Kwaf:Security:ApiKeys:{index}:Hash"] = ApiKeyHash.Format(key);
    }

    /// <summary>A request from <paramref name="peer"/> (loopback when null) carrying <paramref name="key"/>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string route, string? key, string? peer = RemotePeer)
    {
        var request = new HttpRequestMessage(method, new Uri(route, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (peer is not null)
        {
            request.Headers.Add(TestPeerStartupFilter.Header, peer);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
        }
    }

    public async Task InitializeAsync()
    {
        Client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        Logs.Dispose();
    }
}
