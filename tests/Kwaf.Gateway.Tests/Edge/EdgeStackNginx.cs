using System.Globalization;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Edge;

/// <summary>
/// A private nginx rendered from docker/nginx/templates/kwaf.conf.template into a folder of its own (configuration,
/// pid, temp files, the decision cache, error.log), listening on a free loopback port. Never the system configuration.
/// </summary>
internal sealed class EdgeStackNginx : IAsyncDisposable
{
    private readonly EdgeStackProcess _process;

    private EdgeStackNginx(EdgeStackProcess process, int port, string folder)
    {
        _process = process;
        Address = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        ErrorLog = Path.Combine(folder, "error.log");
    }

    /// <summary>Where clients reach the proxy.</summary>
    public Uri Address { get; }

    /// <summary>nginx's error log, for failure messages.</summary>
    public string ErrorLog { get; }

    /// <summary>Renders the template for these upstreams into <paramref name="folder"/>; starts nginx there.</summary>
    /// <param name="folder">An empty folder the proxy owns.</param>
    /// <param name="kwafGateway">host:port of kwaf's HTTP API.</param>
    /// <param name="kwafSyslog">host:port of kwaf's syslog UDP listener.</param>
    /// <param name="demoApi">host:port of the application.</param>
    /// <param name="variant">Applied to the rendered configuration (a documented variant of the template), if given.
    /// </param>
    /// <param name="checkKey">The API key nginx sends with its checks; empty: none.</param>
    public static async Task<EdgeStackNginx> StartAsync(
        string folder,
        string kwafGateway,
        string kwafSyslog,
        string demoApi,
        Func<string, string>? variant = null,
        string checkKey = "")
    {
        var ports = LoopbackPorts.FindFree(2);
        var values = new Dictionary<string, string>
        {
            ["KWAF_GATEWAY"] = kwafGateway,
            ["KWAF_SYSLOG"] = kwafSyslog,
            ["DEMO_API"] = demoApi,
            ["NGINX_LISTEN"] = "127.0.0.1:" + ports[0].ToString(CultureInfo.InvariantCulture),
            ["KWAF_FALLBACK"] = "127.0.0.1:" + ports[1].ToString(CultureInfo.InvariantCulture),
            ["KWAF_CHECK_KEY"] = checkKey,
        };
        var template = await File.ReadAllTextAsync(EdgeStackPaths.Docker("nginx", "templates", "kwaf.conf.template"));
        var configuration = Path.Combine(folder, "nginx.conf");
        var rendered = Render(template, values);
        await File.WriteAllTextAsync(configuration, variant is null ? rendered : variant(rendered));
        File.Copy(EdgeStackPaths.NginxLogFormat(), Path.Combine(folder, "kwaf-log-format.conf"));

        var prefix = folder + Path.DirectorySeparatorChar;
        var errorLog = Path.Combine(folder, "error.log");
        var process = await EdgeStackProcess.StartAsync(
            "nginx",
            "nginx",
            ["-p", prefix, "-c", configuration, "-e", errorLog, "-g", $"daemon off; error_log {errorLog} warn;"],
            ports[0]);
        return new EdgeStackNginx(process, ports[0], folder);
    }

    /// <summary>Replaces each ${NAME} of <paramref name="values"/>, as envsubst with a list of names does.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("${" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
