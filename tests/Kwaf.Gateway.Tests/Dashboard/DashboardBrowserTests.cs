using System.Net;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Dashboard;

/// <summary>
/// The Orleans dashboard served by a real gateway process, loaded in headless chromium: the page must render
/// the silo and kwaf's grain types, not only serve its script.
/// </summary>
[Trait("Category", "Browser")]
[Collection(ProcessTestsCollection.Name)]
public sealed class DashboardBrowserTests : IClassFixture<DashboardGatewayFixture>
{
    // Virtual time: the page's first polls of the JSON endpoints complete well within it.
    private static readonly TimeSpan RenderBudget = TimeSpan.FromSeconds(5);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly DashboardGatewayFixture _fixture;
    private readonly ITestOutputHelper _output;

    public DashboardBrowserTests(DashboardGatewayFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public async Task GrainsPage_AfterEvents_RendersKwafGrainTypes()
    {
        var page = new Uri(_fixture.DashboardPage, "#/grains");

        var dom = await HeadlessChromium.DumpDomAsync(page, RenderBudget);

        Assert.Contains("Activations by Type", dom, StringComparison.Ordinal);
        Assert.Contains(">ClientIpGrain<", dom, StringComparison.Ordinal);
        Assert.Contains(">UserGrain<", dom, StringComparison.Ordinal);
        Assert.Contains(">DecisionBoardGrain<", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilosPage_CoHostedSilo_RendersItsAddressAsActive()
    {
        var counters = await _fixture.GetDashboardJsonAsync("DashboardCounters");
        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        var siloAddress = host.GetProperty("siloAddress").GetString()!;
        var page = new Uri(_fixture.DashboardPage, "#/silos");

        var dom = await HeadlessChromium.DumpDomAsync(page, RenderBudget);

        Assert.StartsWith("127.0.0.1:", siloAddress, StringComparison.Ordinal);
        Assert.Contains(siloAddress, dom, StringComparison.Ordinal);
        Assert.Contains("Active", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrainsPage_Screenshot_WritesRenderedPngArtifact()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        var png = Path.Combine(artifacts.FullName, "dashboard.png");
        var page = new Uri(_fixture.DashboardPage, "#/grains");

        await HeadlessChromium.ScreenshotAsync(page, RenderBudget, png);

        _output.WriteLine($"dashboard screenshot: {png}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.AsSpan().StartsWith(PngSignature), $"{png} is not a PNG file.");

        // A blank or error page of this size compresses to a few KB; the rendered grain table is far larger.
        Assert.True(bytes.Length > 20_000, $"{png} is {bytes.Length} bytes: the page looks blank.");
    }

    [Fact]
    public async Task TraceEndpoint_DefaultOptions_IsForbidden()
    {
        using var response = await _fixture.Client.GetAsync(new Uri("/dashboard/Trace", UriKind.Relative))
            .WaitAsync(Api.KwafApiFactory.CallTimeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
