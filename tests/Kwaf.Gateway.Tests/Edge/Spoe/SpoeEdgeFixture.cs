namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>One SPOE deployment shared by the tests of a class; each test uses client addresses of its own.</summary>
public sealed class SpoeEdgeFixture : IAsyncLifetime
{
    private SpoeEdge? _edge;

    internal SpoeEdge Edge => _edge ?? throw new InvalidOperationException("The SPOE deployment has not started.");

    public async Task InitializeAsync() => _edge = await SpoeEdge.StartAsync();

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }
    }
}
