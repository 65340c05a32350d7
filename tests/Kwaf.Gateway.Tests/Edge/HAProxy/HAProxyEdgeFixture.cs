using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>
/// The HAProxy edge on loopback: the demo API, HAProxy with docker/haproxy/haproxy.cfg in front of it, and a gateway
/// process feeding HAProxy's maps through the admin socket. Shared by the tests of a class, each of which uses
/// client addresses of its own (127.0.0.N), so that one test's decisions never touch another's requests. Open for
/// <see cref="HAProxySyslogEdgeFixture"/>, which also feeds HAProxy's access log to kwaf.
/// </summary>
public class HAProxyEdgeFixture : IAsyncLifetime
{
    /// <summary>Listed in the policy allowlist: never denied, whatever is decided about it.</summary>
    public const int AllowlistedOctet = 40;

    private readonly TempFolder _data = new();
    private readonly TempFolder _state = new();
    private EdgeStackDemoApi? _demo;
    private HAProxyInstance? _haproxy;
    private GatewayProcess? _gateway;
    private Dictionary<string, string> _settings = [];

    internal HAProxyInstance HAProxy => _haproxy ?? throw new InvalidOperationException("Not started.");

    internal GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("Not started.");

    /// <summary>Whether kwaf listens for HAProxy's access log (UDP syslog).</summary>
    protected virtual bool FeedsSyslog => false;

    public async Task InitializeAsync()
    {
        var ports = LoopbackPorts.FindFree(3);
        _demo = await EdgeStackDemoApi.StartAsync();

        // Without the syslog feed nothing listens on the port: polling a client's status would otherwise rate it.
        var syslog = $"127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}";
        _haproxy = await HAProxyInstance.StartAsync(_state.Path, ports[2], _demo.Address, syslog);
        _settings = new Dictionary<string, string>
        {
            ["Kwaf:HAProxy:RuntimeApi:0"] = "unix:" + _haproxy.AdminSocket,
            ["Kwaf:HAProxy:IpMap"] = _haproxy.IpMap,
            ["Kwaf:HAProxy:UserMap"] = _haproxy.UserMap,
            ["Kwaf:Policy:Allowlist:0"] = LoopbackClient.Address(AllowlistedOctet),

            // 5 failed logins in a minute are a brute-forcer here, so that 6 make a block (critical).
            ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = "5",
        };
        if (FeedsSyslog)
        {
            _settings["Kwaf:Syslog:UdpPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        }

        Configure(_settings);

        _gateway = await GatewayProcess.StartAsync(_data.Path, _settings);
    }

    /// <summary>Lets a derived fixture change the gateway's settings before it starts.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }

        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }

        _state.Dispose();
        _data.Dispose();
    }

    /// <summary>A client of HAProxy whose connections come from 127.0.0.<paramref name="octet"/>.</summary>
    internal HttpClient Client(int octet) => LoopbackClient.Create(octet, HAProxy.Address);

    /// <summary>Kills the gateway (as kill -9), runs <paramref name="whileDown"/>, and starts it again.</summary>
    internal async Task RestartGatewayAsync(Func<Task> whileDown)
    {
        var port = Gateway.Port;
        await Gateway.KillAsync();
        await Gateway.DisposeAsync();
        _gateway = null;
        await whileDown();
        _gateway = await GatewayProcess.StartAsync(_data.Path, _settings, port);
    }

    /// <summary>POST /decisions; returns the decision's id and expiry.</summary>
    internal async Task<(string Id, DateTimeOffset Expires)> DecideAsync(object body)
    {
        using var response = await Gateway.Client.PostAsJsonAsync(new Uri("/decisions", UriKind.Relative), body)
            .WaitAsync(KwafApiFactory.CallTimeout);
        var decision = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created, "manual decision");
        return (decision.GetProperty("id").GetString()!, decision.GetProperty("expires").GetDateTimeOffset());
    }

    /// <summary>DELETE /decisions/{id}; the answer must be a success.</summary>
    internal async Task LiftAsync(string id)
    {
        using var response = await Gateway.Client
            .DeleteAsync(new Uri($"/decisions/{Uri.EscapeDataString(id)}", UriKind.Relative))
            .WaitAsync(KwafApiFactory.CallTimeout);
        Assert.True(response.IsSuccessStatusCode, $"lifting decision {id}: {response.StatusCode}");
    }

    /// <summary>POST /events with the given lines; the answer must be a success.</summary>
    internal async Task SendEventsAsync(IEnumerable<string> events)
    {
        using var response = await Gateway.Client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"posting events: {response.StatusCode} {text}");
    }
}
