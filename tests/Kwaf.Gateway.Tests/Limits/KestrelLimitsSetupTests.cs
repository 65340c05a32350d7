using System.Net;
using System.Net.Sockets;
using System.Text;
using Kwaf.Gateway.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>
/// The Kwaf:Http limits on a real Kestrel listening on loopback, with limits below Kestrel's own defaults so that an
/// answer proves the setting applied: requests are written byte by byte over a socket, just under and just over.
/// </summary>
public sealed class KestrelLimitsSetupTests : IAsyncLifetime
{
    private const int HeadersTotalSize = 6000;
    private const int HeaderCount = 20;
    private const int RequestLineSize = 2048;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private WebApplication _app = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kwaf:Http:MaxRequestHeadersTotalSize"] = "6000",
            ["Kwaf:Http:MaxRequestHeaderCount"] = "20",
            ["Kwaf:Http:MaxRequestLineSize"] = "2048",
        });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Services.AddKwafHttpLimits();
        _app = builder.Build();
        _app.MapGet("/{**rest}", () => "ok");
        await _app.StartAsync().WaitAsync(Timeout);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        _port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Configure_HeadersJustUnderTotal_Answers200()
    {
        var status = await SendAsync("/", Headers(("X-Pad", new string('p', HeadersTotalSize - 200))));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Configure_HeadersOverTotal_Answers431()
    {
        var status = await SendAsync("/", Headers(("X-Pad", new string('p', HeadersTotalSize + 1))));

        Assert.Equal(431, status);
    }

    [Fact]
    public async Task Configure_HeaderCountAtLimit_Answers200()
    {
        var status = await SendAsync("/", Headers(Numbered(HeaderCount - 2)));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Configure_HeaderCountOverLimit_Answers431()
    {
        var status = await SendAsync("/", Headers(Numbered(HeaderCount - 1)));

        Assert.Equal(431, status);
    }

    [Fact]
    public async Task Configure_RequestLineJustUnderLimit_Answers200()
    {
        var status = await SendAsync("/" + new string('a', RequestLineSize - 40), Headers());

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Configure_RequestLineOverLimit_Answers414()
    {
        var status = await SendAsync("/" + new string('a', RequestLineSize), Headers());

        Assert.Equal(414, status);
    }

    /// <summary>Host plus the given headers; <see cref="SendAsync"/> adds Connection, one more.</summary>
    private static string Headers(params (string Name, string Value)[] extra)
    {
        var text = new StringBuilder("Host: 127.0.0.1\r\n");
        foreach (var (name, value) in extra)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return text.ToString();
    }

    private static (string, string)[] Numbered(int count) =>
        Enumerable.Range(1, count).Select(i => ($"X-H{i}", "v")).ToArray();

    /// <summary>Writes one request and returns the status code of the answer.</summary>
    private async Task<int> SendAsync(string target, string headers)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port, cancel.Token);
        var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n");
        await stream.WriteAsync(request, cancel.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(cancel.Token);
        Assert.NotNull(statusLine);
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
