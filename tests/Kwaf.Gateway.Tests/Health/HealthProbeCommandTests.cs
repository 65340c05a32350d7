using System.Globalization;
using Kwaf.Gateway.Health;
using Kwaf.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kwaf.Gateway.Tests.Health;

/// <summary>
/// <c>healthcheck</c> against a real HTTP server on loopback that answers as a gateway would: ready on
/// <c>/health/ready</c>, nothing on <c>/</c>, not ready on another path.
/// </summary>
public sealed class HealthProbeCommandTests : IAsyncLifetime
{
    private WebApplication? _server;
    private string _baseUrl = string.Empty;

    public async Task InitializeAsync()
    {
        _baseUrl = "http://127.0.0.1:" + LoopbackPorts.FindFree(1)[0].ToString(CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_baseUrl);
        _server = builder.Build();
        _server.MapGet("/health/ready", () => Results.Ok());
        _server.MapGet("/starting/health/ready", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/health/ready")]
    public async Task Run_ReadyGateway_ExitsZero(string path)
    {
        using var error = new StringWriter();

        var exit = await HealthProbeCommand.RunAsync([_baseUrl + path], error);

        Assert.True(exit == 0, error.ToString());
    }

    [Fact]
    public async Task Run_NotReady_ExitsOneSayingWhatItAnswered()
    {
        using var error = new StringWriter();

        var exit = await HealthProbeCommand.RunAsync([_baseUrl + "/starting/health/ready"], error);

        Assert.Equal(1, exit);
        Assert.Contains("answered 503", error.ToString(), StringComparison.Ordinal);
    }
}
