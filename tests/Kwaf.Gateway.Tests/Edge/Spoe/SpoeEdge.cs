using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>
/// The SPOE deployment on loopback: a gateway process with its SPOE agent on, the demo API, and HAProxy running
/// docker/haproxy/haproxy-spoe.cfg and spoe-kwaf.conf as shipped, with ports given through their environment.
/// </summary>
internal sealed class SpoeEdge : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder;
    private readonly EdgeServerProcess _demoApi;
    private readonly EdgeServerProcess _haproxy;

    private SpoeEdge(TempFolder folder, GatewayProcess gateway, EdgeServerProcess demoApi, EdgeServerProcess haproxy)
    {
        _folder = folder;
        Gateway = gateway;
        _demoApi = demoApi;
        _haproxy = haproxy;
    }

    public GatewayProcess Gateway { get; }

    /// <summary>HAProxy's frontend.</summary>
    public required Uri Frontend { get; init; }

    public static async Task<SpoeEdge> StartAsync()
    {
        var root = RepositoryRoot();
        var folder = new TempFolder();
        var ports = LoopbackPorts.FindFree(3);
        var (spoePort, apiPort, frontendPort) = (Text(ports[0]), Text(ports[1]), Text(ports[2]));
        var gateway = await GatewayProcess.StartAsync(
            folder.Path,
            new Dictionary<string, string> { ["Kwaf:Spoe:Port"] = spoePort });
        var demoApi = EdgeServerProcess.Start(
            "python3",
            [Path.Combine(root, "scripts", "demo-api.py"), "--listen", "127.0.0.1:" + apiPort],
            new Dictionary<string, string>(),
            folder.Path);
        var haproxyFolder = Path.Combine(root, "docker", "haproxy");
        var haproxy = EdgeServerProcess.Start(
            "/usr/sbin/haproxy",
            ["-f", Path.Combine(haproxyFolder, "haproxy-spoe.cfg"), "-db"],
            new Dictionary<string, string>
            {
                ["HAPROXY_LISTEN"] = "127.0.0.1:" + frontendPort,
                ["DEMO_API"] = "127.0.0.1:" + apiPort,
                ["KWAF_SPOE"] = "127.0.0.1:" + spoePort,
                ["KWAF_SPOE_CONFIG"] = Path.Combine(haproxyFolder, "spoe-kwaf.conf"),
                ["HAPROXY_STATE"] = folder.Path,
            },
            folder.Path);
        var edge = new SpoeEdge(folder, gateway, demoApi, haproxy)
        {
            Frontend = new Uri("http://127.0.0.1:" + frontendPort),
        };
        await edge.WaitCheckingAsync();
        return edge;
    }

    /// <summary>A client of the frontend whose connections come from 127.0.0.<paramref name="lastOctet"/>.</summary>
    public HttpClient Client(int lastOctet) => LoopbackClient.Create(lastOctet, Frontend);

    /// <summary>
    /// Adds a manual decision through the gateway's API and returns its id. Forced: the edge's clients are loopback
    /// addresses, which kwaf refuses to block unless told to.
    /// </summary>
    public async Task<string> DecideAsync(string target, string value, string kind)
    {
        var body = $$"""
            {"{{target}}":"{{value}}","kind":"{{kind}}","durationSeconds":120,"reason":"spoe test","force":true}
            """;
        using var response = await Gateway.Client.PostEventsAsync(body, route: "/decisions");
        var created = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created, $"{kind} of {value}");
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>The agent's counters (GET /edge/spoe/stats on the gateway).</summary>
    public async Task<JsonElement> StatsAsync()
    {
        using var response = await ApiCalls.GetAsync(Gateway.Client, $"/edge/spoe/stats");
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "SPOE stats");
    }

    /// <summary>Waits until GET <paramref name="path"/> through HAProxy answers <paramref name="status"/>.</summary>
    public async Task StatusEventuallyAsync(
        HttpClient client,
        HttpStatusCode status,
        TimeSpan within,
        string path = "/products",
        string? bearer = null)
    {
        var last = HttpStatusCode.OK;
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var response = await SendAsync(client, path, bearer);
                last = response.StatusCode;
                return last == status;
            },
            within,
            $"GET {path} through HAProxy answering {status} (last {last}); HAProxy said:\n{_haproxy.RecentOutput}");
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _haproxy.DisposeAsync();
        await _demoApi.DisposeAsync();
        await Gateway.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>
    /// Waits until HAProxy's health check found the agent and a request through HAProxy was answered by it (the
    /// first connection also warms the agent up, so that later answers come within the processing timeout).
    /// </summary>
    private async Task WaitCheckingAsync()
    {
        using var client = LoopbackClient.Create(254, Frontend);
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                Assert.False(_haproxy.HasExited, $"HAProxy exited:\n{_haproxy.RecentOutput}");
                Assert.False(_demoApi.HasExited, $"the demo API exited:\n{_demoApi.RecentOutput}");
                try
                {
                    using var response = await SendAsync(client, "/health");
                }
                catch (HttpRequestException)
                {
                    return false;
                }

                return (await StatsAsync()).GetProperty("checks").GetInt64() > 0;
            },
            StartTimeout,
            $"HAProxy asking the SPOE agent; HAProxy said:\n{_haproxy.RecentOutput}");
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kwaf.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}
