using Kwaf.Gateway.Hosting;
using Kwaf.Grains.Hosting;
using Kwaf.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class KwafHostBuilderExtensionsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AddKwafHost_NoAddressConfigured_UsesDefaultUrl()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.AddKwafHost();

        Assert.Equal("http://127.0.0.1:5080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void AddKwafHost_UrlsArgument_KeepsConfiguredUrl()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:5999"]);

        builder.AddKwafHost();

        Assert.Equal("http://127.0.0.1:5999", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:6000")]
    [InlineData("http_ports", "6000")]
    [InlineData("Kestrel:Endpoints:Main:Url", "http://127.0.0.1:6000")]
    public void HasConfiguredAddress_AddressSetting_ReturnsTrue(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })
            .Build();

        var configured = KwafHostBuilderExtensions.HasConfiguredAddress(configuration);

        Assert.True(configured);
    }

    [Fact]
    public void AddKwafHost_BadSiloPort_ThrowsNamingKey()
    {
        var builder = WebApplication.CreateBuilder(["--Kwaf:Silo:SiloPort", "70000"]);

        var exception = Assert.Throws<OptionsValidationException>(() => builder.AddKwafHost());

        Assert.Contains("Kwaf:Silo:SiloPort", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task AddKwafHost_SqliteStore_StartsEmbeddedSiloAndLogsModeAndStore()
    {
        var ports = LoopbackPorts.FindFree(2);
        var builder = WebApplication.CreateBuilder(
        [
            "--urls", "http://127.0.0.1:0",
            "--Kwaf:Silo:SiloPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Kwaf:Silo:GatewayPort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Kwaf:Storage:DataPath", _folder.Path,
        ]);
        var sink = new CapturingLoggerProvider();
        builder.Logging.AddProvider(sink);
        builder.AddKwafHost();
        await using var app = builder.Build();

        await app.StartAsync().WaitAsync(Timeout);
        await app.Services.GetRequiredService<IGrainFactory>()
            .GetGrain<IProbeGrain>("t:gateway").SetAsync("stored").WaitAsync(Timeout);
        await app.StopAsync().WaitAsync(Timeout);

        var started = Assert.Single(sink.Entries, entry => entry.EventId.Id == HostingEventIds.SiloStarted);
        Assert.Equal(KwafSiloMode.Embedded, started.Fields["Mode"]);
        Assert.Equal(KwafStorageProvider.Sqlite, started.Fields["Provider"]);
        Assert.Equal(Path.Combine(_folder.Path, "kwaf.db"), started.Fields["StoreLocation"]);
        Assert.Equal(ports[0], started.Fields["SiloPort"]);
    }
}
