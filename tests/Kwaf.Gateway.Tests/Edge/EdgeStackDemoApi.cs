using System.Globalization;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Edge;

/// <summary>scripts/demo-api.py on a free loopback port: the application behind the edge tests' proxies.</summary>
internal sealed class EdgeStackDemoApi : IAsyncDisposable
{
    private readonly EdgeStackProcess _process;

    private EdgeStackDemoApi(EdgeStackProcess process, int port)
    {
        _process = process;
        Address = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>host:port the demo API listens on.</summary>
    public string Address { get; }

    public static async Task<EdgeStackDemoApi> StartAsync()
    {
        var port = LoopbackPorts.FindFree(1)[0];
        var listen = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var process = await EdgeStackProcess.StartAsync(
            "demo API",
            "python3",
            [EdgeStackPaths.DemoApi, "--listen", listen],
            port);
        return new EdgeStackDemoApi(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
