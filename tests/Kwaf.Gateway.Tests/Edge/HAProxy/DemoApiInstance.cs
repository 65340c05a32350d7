using System.Diagnostics;
using System.Globalization;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>scripts/demo-api.py on a loopback port, killed on dispose.</summary>
internal sealed class DemoApiInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Process _process;

    private DemoApiInstance(Process process, int port)
    {
        _process = process;
        HostAndPort = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Where it listens, as <c>127.0.0.1:PORT</c>.</summary>
    public string HostAndPort { get; }

    public static async Task<DemoApiInstance> StartAsync(int port)
    {
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { EdgeRepository.File("scripts", "demo-api.py"), "--listen", $"127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var demo = new DemoApiInstance(process, port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://{demo.HostAndPort}") };
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                Assert.False(process.HasExited, "The demo API exited before it served.");
                try
                {
                    using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            StartTimeout,
            "demo API serving /health");
        return demo;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        _process.Dispose();
    }
}
