using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Cluster;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// kwaf at the edge, as docker/nginx/templates/kwaf.conf.template deploys it: the gateway as a process (SQLite in a
/// temp folder, syslog on a UDP port that only 127.0.0.1 may send to), the demo API, and a private nginx in front of
/// the demo API that asks kwaf about every request and logs every request to kwaf. Clients connect from 127.0.0.2
/// and up, so each is its own subject; nginx's own address, 127.0.0.1, is the only syslog source kwaf accepts.
/// </summary>
internal sealed class NginxEdge : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly Dictionary<string, string> _settings;
    private readonly EdgeStackDemoApi _demoApi;
    private readonly EdgeStackNginx _nginx;

    private NginxEdge(
        TempFolder folder,
        Dictionary<string, string> settings,
        GatewayProcess kwaf,
        EdgeStackDemoApi demoApi,
        EdgeStackNginx nginx)
    {
        _folder = folder;
        _settings = settings;
        Kwaf = kwaf;
        _demoApi = demoApi;
        _nginx = nginx;
    }

    /// <summary>The running gateway; replaced by <see cref="RestartKwafAsync"/>.</summary>
    public GatewayProcess Kwaf { get; private set; }

    /// <summary>Where clients reach nginx.</summary>
    public Uri Proxy => _nginx.Address;

    private string DataPath => Path.Combine(_folder.Path, "kwaf");

    /// <summary>
    /// Starts the edge; <paramref name="variant"/> edits the rendered nginx configuration, if given, and
    /// <paramref name="kwafSettings"/> adds gateway settings (its API keys, say). nginx sends
    /// <paramref name="checkKey"/> with its checks, and the test's own calls to kwaf send <paramref name="adminKey"/>.
    /// </summary>
    public static async Task<NginxEdge> StartAsync(
        Func<string, string>? variant = null,
        IReadOnlyDictionary<string, string>? kwafSettings = null,
        string checkKey = "",
        string? adminKey = null)
    {
        var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "kwaf"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "nginx"));
        var syslogPort = LoopbackPorts.FindFree(1)[0];
        var settings = new Dictionary<string, string>
        {
            ["Kwaf:Syslog:Address"] = "127.0.0.1",
            ["Kwaf:Syslog:UdpPort"] = syslogPort.ToString(CultureInfo.InvariantCulture),
            ["Kwaf:Syslog:AllowedSources:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in kwafSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var kwaf = await GatewayProcess.StartAsync(Path.Combine(folder.Path, "kwaf"), settings);
        if (adminKey is not null)
        {
            kwaf.Client.DefaultRequestHeaders.Add("X-Kwaf-Key", adminKey);
        }

        var demoApi = await EdgeStackDemoApi.StartAsync();
        var nginx = await EdgeStackNginx.StartAsync(
            Path.Combine(folder.Path, "nginx"),
            "127.0.0.1:" + kwaf.Port.ToString(CultureInfo.InvariantCulture),
            "127.0.0.1:" + syslogPort.ToString(CultureInfo.InvariantCulture),
            demoApi.Address,
            variant,
            checkKey);
        return new NginxEdge(folder, settings, kwaf, demoApi, nginx);
    }

    /// <summary>An HTTP client of nginx connecting from 127.0.0.<paramref name="lastOctet"/>.</summary>
    public HttpClient Client(int lastOctet) => LoopbackClient.Create(lastOctet, Proxy);

    /// <summary>Starts the gateway again on its old port and data folder, after it was killed.</summary>
    public async Task RestartKwafAsync()
    {
        var port = Kwaf.Port;
        await Kwaf.DisposeAsync();
        Kwaf = await GatewayProcess.StartAsync(DataPath, _settings, port);
    }

    /// <summary>
    /// POST /decisions for one address; returns the decision's id. Forced: the edge's clients are loopback
    /// addresses, which kwaf refuses to block unless told to.
    /// </summary>
    public async Task<string> DecideAsync(string ip, string kind)
    {
        var body = $$"""{"ip":"{{ip}}","kind":"{{kind}}","durationSeconds":600,"reason":"edge test","force":true}""";
        using var response = await Kwaf.Client.PostBytesAsync(
            "/decisions",
            Encoding.UTF8.GetBytes(body),
            "application/json");
        var decision = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Created, $"manual {kind} of {ip}");
        return decision.GetProperty("id").GetString()!;
    }

    /// <summary>DELETE /decisions/{id}.</summary>
    public async Task LiftAsync(string id)
    {
        using var response = await Kwaf.Client.DeleteAsync(new Uri("/decisions/" + Uri.EscapeDataString(id),
            UriKind.Relative)).WaitAsync(KwafApiFactory.CallTimeout);
        Assert.True(response.IsSuccessStatusCode, $"lifting {id}: {response.StatusCode}");
    }

    /// <summary>GET /ratings?user_id=; the answer's body when kwaf knows the user, else null.</summary>
    public async Task<JsonElement?> UserRatingAsync(string userId)
    {
        using var response = await Kwaf.Client.GetAsync($"/ratings?user_id={userId}");
        return response.StatusCode == HttpStatusCode.OK
            ? await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {userId}")
            : null;
    }

    /// <summary>
    /// Polls GET <paramref name="path"/> through nginx from <paramref name="client"/> until it answers
    /// <paramref name="status"/>; fails past <paramref name="bound"/> (naming nginx's last errors); returns the wait.
    /// </summary>
    public async Task<TimeSpan> UntilStatusAsync(
        HttpClient client,
        string path,
        HttpStatusCode status,
        TimeSpan bound)
    {
        try
        {
            return await Polling.UntilAnsweredAsync(
                async () =>
                {
                    using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                    return response.StatusCode == status;
                },
                bound,
                $"{path} through nginx answering {status}");
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException(ex.Message + "\nnginx error.log:\n" + await ErrorLogTailAsync());
        }
    }

    /// <summary>How many lines of nginx's error log contain <paramref name="fragment"/>.</summary>
    public async Task<int> CountErrorLogLinesAsync(string fragment)
    {
        var lines = File.Exists(_nginx.ErrorLog) ? await File.ReadAllLinesAsync(_nginx.ErrorLog) : [];
        return lines.Count(line => line.Contains(fragment, StringComparison.Ordinal));
    }

    /// <summary>The last lines of nginx's error log.</summary>
    public async Task<string> ErrorLogTailAsync()
    {
        var lines = File.Exists(_nginx.ErrorLog) ? await File.ReadAllLinesAsync(_nginx.ErrorLog) : [];
        return new StringBuilder().AppendJoin('\n', lines.TakeLast(20)).ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _demoApi.DisposeAsync();
        await Kwaf.DisposeAsync();
        _folder.Dispose();
    }
}
