using Kwaf.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kwaf.Silo.Tests.Hosting;

public sealed class KwafSiloHostBuilderExtensionsTests
{
    [Theory]
    [InlineData("Kwaf:Silo:SiloPort", "0")]
    [InlineData("Kwaf:Silo:GatewayPort", "65536")]
    [InlineData("Kwaf:Silo:AdvertisedIp", "not-an-address")]
    [InlineData("Kwaf:Cluster:ServiceId", "")]
    [InlineData("Kwaf:Grains:IdleDeactivation", "00:00:30")]
    [InlineData("Kwaf:Storage:DataPath", "")]
    public void AddKwafSilo_BadValue_ThrowsNamingKey(string key, string value)
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(() => builder.AddKwafSilo());

        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKwafSilo_UnknownProvider_ThrowsNamingKey()
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { ["Kwaf:Storage:Provider"] = "Postgres" });

        var exception = Assert.Throws<OptionsValidationException>(() => builder.AddKwafSilo());

        Assert.Contains(
            "Kwaf:Storage:Provider is 'Postgres', which is not one of Sqlite, Memory, PostgreSql",
            exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AddKwafSilo_PostgreSqlWithoutConnectionString_ThrowsNamingKey()
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { ["Kwaf:Storage:Provider"] = "PostgreSql" });

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddKwafSilo());

        Assert.Contains("ConnectionStrings:Postgres", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Memory")]
    public void AddKwafSilo_ValidConfiguration_BuildsHostWithGrainFactory(string provider)
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { ["Kwaf:Storage:Provider"] = provider });

        builder.AddKwafSilo();
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<IGrainFactory>());
    }

    [Fact]
    public void AddKwafSilo_NoTimeProviderRegistered_RegistersSystemClock()
    {
        var builder = CreateBuilder([]);

        builder.AddKwafSilo();
        using var host = builder.Build();

        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    private static HostApplicationBuilder CreateBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
