using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Security;

/// <summary>An in-process gateway with no API key configured, and a capturing log sink.</summary>
public sealed class LoopbackOnlyFixture : IAsyncLifetime
{
    private readonly KwafApiFactory _factory;

    public LoopbackOnlyFixture() => _factory = new KwafApiFactory(
        SecurityFixture.Start,
        new Dictionary<string, string?>(),
        services => services.AddSingleton<ILoggerProvider>(Logs));

    public HttpClient Client { get; private set; } = null!;

    internal CapturingLoggerProvider Logs { get; } = new();

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
        }
    }

    public async Task InitializeAsync()
    {
        Client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        Logs.Dispose();
    }
}
