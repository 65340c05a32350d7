using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Audit;
using Kwaf.Gateway.Tests.Edge;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Syslog;

/// <summary>
/// A private nginx (config in a temp folder, loopback ports only) in front of scripts/demo-api.py logs every request
/// with docker/nginx/kwaf-log-format.conf to the gateway's syslog listener; the requests must come out rated.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class NginxSyslogTests : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(20);

    private readonly TempFolder _folder = new();
    private readonly int[] _ports = LoopbackPorts.FindFree(3);
    private RealTimeGatewayFactory? _gateway;
    private Process? _api;
    private Process? _nginx;

    private int UdpPort => _ports[0];

    private int NginxPort => _ports[1];

    private int ApiPort => _ports[2];

    public async Task InitializeAsync()
    {
        _gateway = new RealTimeGatewayFactory(new Dictionary<string, string?>
        {
            ["Kwaf:Syslog:UdpPort"] = UdpPort.ToString(CultureInfo.InvariantCulture),
        });
        _ = _gateway.CreateClient();
        var demoApi = Path.Combine(RepositoryRoot(), "scripts", "demo-api.py");
        _api = Start("python3", [demoApi, "--listen", $"127.0.0.1:{ApiPort}"]);
        await WaitForPortAsync(ApiPort, "demo API");
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "nginx.conf"), NginxConfig());
        _nginx = Start(
            "/usr/sbin/nginx",
            ["-p", _folder.Path + "/", "-e", Path.Combine(_folder.Path, "error.log"), "-c",
                Path.Combine(_folder.Path, "nginx.conf"), "-g", $"daemon off; pid {_folder.Path}/nginx.pid;"]);
        await WaitForPortAsync(NginxPort, "nginx");
    }

    public async Task DisposeAsync()
    {
        Stop(_nginx);
        Stop(_api);
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task NginxJsonAccessLogOverSyslog_RequestsThroughNginx_AreRatedForTheirClient()
    {
        using var client = LoopbackClient.Create(7, new Uri($"http://127.0.0.1:{NginxPort}"));
        using var api = _gateway!.CreateClient();

        using (var products = await client.GetAsync("/products").WaitAsync(KwafApiFactory.CallTimeout))
        using (var env = await client.GetAsync("/.env").WaitAsync(KwafApiFactory.CallTimeout))
        using (var account = new HttpRequestMessage(HttpMethod.Get, "/account"))
        {
            Assert.Equal(HttpStatusCode.OK, products.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, env.StatusCode);
            account.Headers.Authorization = new("Bearer", "nginx-user-7");
            using var answer = await client.SendAsync(account).WaitAsync(KwafApiFactory.CallTimeout);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.False(answer.Headers.Contains("X-User-Id"), "nginx must hide the user id from the client");
        }

        await ApiCalls.EventuallyAsync(
            async () => await TotalEventsAsync(api, $"/ratings?ip={LoopbackClient.Address(7)}") == 3,
            Propagation,
            "3 events rated for 127.0.0.7 through nginx and syslog");
        Assert.Equal(1, await TotalEventsAsync(api, "/ratings?user_id=nginx-user-7"));
        var rating = await api.GetIpRatingAsync(LoopbackClient.Address(7));
        Assert.Contains(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "sensitive-path");
    }

    private static async Task<long> TotalEventsAsync(HttpClient api, string route)
    {
        using var response = await api.GetAsync(route).WaitAsync(KwafApiFactory.CallTimeout);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return 0;
        }

        var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, route);
        return rating.GetProperty("totalEvents").GetInt64();
    }

    private string NginxConfig()
    {
        var root = _folder.Path;
        var format = Path.Combine(RepositoryRoot(), "docker", "nginx", "kwaf-log-format.conf");
        return $$"""
            events { worker_connections 64; }
            http {
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{format}};
                access_log syslog:server=127.0.0.1:{{UdpPort}},tag=nginx kwaf_json;
                server {
                    listen 127.0.0.1:{{NginxPort}};
                    location / {
                        proxy_pass http://127.0.0.1:{{ApiPort}};
                        proxy_hide_header X-User-Id;
                    }
                }
            }
            """;
    }

    private static Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process?.Dispose();
    }

    private static Task WaitForPortAsync(int port, string what) => ApiCalls.EventuallyAsync(
        async () =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        },
        TimeSpan.FromSeconds(20),
        $"{what} listening on port {port}");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kwaf.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kwaf.sln not found above the test folder.");
    }
}
