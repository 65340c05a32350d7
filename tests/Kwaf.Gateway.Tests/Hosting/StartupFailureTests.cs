using System.Net.Sockets;
using System.Text.Json;
using Kwaf.Gateway.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class StartupFailureTests
{
    [Fact]
    public void Describe_TakenHttpAddress_NamesTheAddressAndTheSetting()
    {
        // As Kestrel reports it (its AddressInUseException between the two), wrapped once more by the host.
        var bind = new IOException(
            "Failed to bind to address http://127.0.0.1:5080: address already in use.",
            new InvalidOperationException(
                "Address already in use",
                new SocketException((int)SocketError.AddressAlreadyInUse)));
        var failure = new AggregateException(bind);

        Assert.True(StartupFailure.IsConfigurationError(failure));
        var message = StartupFailure.Describe(failure);
        Assert.Contains("http://127.0.0.1:5080", message, StringComparison.Ordinal);
        Assert.Contains("--urls", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SettingsFileThatIsNotJson_NamesTheFileAndWhere()
    {
        var failure = new InvalidDataException(
            "Failed to load configuration from file '/srv/kwaf/appsettings.json'.",
            new FormatException("Could not parse the JSON file.", new JsonException("LineNumber: 3")));

        Assert.True(StartupFailure.IsConfigurationError(failure));
        var message = StartupFailure.Describe(failure);
        Assert.Contains("/srv/kwaf/appsettings.json", message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 3", message, StringComparison.Ordinal);
    }
}
