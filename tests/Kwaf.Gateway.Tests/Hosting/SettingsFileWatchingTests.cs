using Kwaf.Gateway.Tests.Api;
using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Kwaf.Gateway.Tests.Hosting;

/// <summary>
/// The gateway's settings files are watched by polling them, not by a watcher of the whole content root, which the
/// embedded store's writes under it kept waking.
/// </summary>
public sealed class SettingsFileWatchingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public void Gateway_SettingsFiles_ReloadedOnChangeAndWatchedByPolling()
    {
        var configuration = (IConfigurationBuilder)fixture.Factory.Services.GetRequiredService<IConfiguration>();
        var settingsFiles = configuration.Sources.OfType<FileConfigurationSource>().ToList();

        // A polling provider answers a watch with a polling token beside its cancellation token; a provider with a
        // watcher of the folder answers with the cancellation token alone.
        Assert.Contains(settingsFiles, source => source.Path == "appsettings.json" && source.ReloadOnChange);
        Assert.All(
            settingsFiles,
            source => Assert.Contains(
                Assert.IsType<CompositeChangeToken>(source.FileProvider!.Watch(source.Path!)).ChangeTokens,
                token => token is PollingFileChangeToken));
    }

    [Fact]
    public void PreferPolling_OperatorChoseAlready_LeavesTheirValue()
    {
        var before = Environment.GetEnvironmentVariable(SettingsFileWatching.PollingVariable);
        Environment.SetEnvironmentVariable(SettingsFileWatching.PollingVariable, "false");
        try
        {
            SettingsFileWatching.PreferPolling();

            Assert.Equal("false", Environment.GetEnvironmentVariable(SettingsFileWatching.PollingVariable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SettingsFileWatching.PollingVariable, before);
        }
    }
}
