namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>One <see cref="NginxEdge"/> shared by the tests of a class; each test uses client addresses of its own.
/// </summary>
public sealed class NginxEdgeFixture : IAsyncLifetime
{
    private NginxEdge? _edge;

    internal NginxEdge Edge => _edge ?? throw new InvalidOperationException("The edge stack has not started.");

    public async Task InitializeAsync() => _edge = await NginxEdge.StartAsync();

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }
}
