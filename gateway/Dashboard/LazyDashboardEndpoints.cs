using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Orleans.Dashboard;

namespace Kwaf.Gateway.Dashboard;

/// <summary>
/// The Orleans dashboard's endpoints, created by the first request for them rather than at start. Mapping the
/// dashboard reads and compresses every one of its embedded assets (about 20 MB held for the life of the process,
/// and a second of CPU at start), which an operator who never opens the page should not pay for.
/// </summary>
/// <remarks>
/// Until then the only endpoint under the prefix is a catch-all loader (<see cref="ServeAsync"/>); the first request
/// it receives maps the dashboard, publishes its endpoints through this data source (routing rebuilds its matcher on
/// the change token) and is answered by them through a routing pipeline of their own. Later requests reach the
/// dashboard's endpoints directly; the loader, ordered after them, only sees paths the dashboard does not serve.
/// Every endpoint, the loader's included, gets the same conventions (authorization), so nothing under the prefix is
/// ever served without them.
/// </remarks>
internal sealed class LazyDashboardEndpoints : EndpointDataSource
{
    private readonly Lock _gate = new();
    private readonly IServiceProvider _services;
    private readonly string _routePrefix;
    private readonly Action<IEndpointConventionBuilder> _conventions;
    private IReadOnlyList<Endpoint> _endpoints = [];
    private CancellationTokenSource _changed = new();
    private RequestDelegate? _dispatch;

    /// <summary>Creates the data source; nothing of the dashboard is mapped yet.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="routePrefix">Where the dashboard is served.</param>
    /// <param name="conventions">What every dashboard endpoint needs (authorization, metadata).</param>
    public LazyDashboardEndpoints(
        IServiceProvider services,
        string routePrefix,
        Action<IEndpointConventionBuilder> conventions)
    {
        _services = services;
        _routePrefix = routePrefix;
        _conventions = conventions;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref _endpoints);

    /// <summary>The route pattern of the loader: everything under the prefix, the prefix itself included.</summary>
    public string LoaderPattern => _routePrefix.TrimEnd('/') + "/{**path}";

    /// <inheritdoc/>
    public override IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>
    /// Answers a request that routing gave to the loader: maps the dashboard if that has not happened yet, then
    /// routes the request among the dashboard's endpoints (404 when none of them serves its path).
    /// </summary>
    /// <param name="context">The request, already authorized for the loader's conventions.</param>
    /// <returns>A task that completes when the response has been written.</returns>
    public Task ServeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dispatch = Volatile.Read(ref _dispatch) ?? Load();

        // Routing skips a request that already has an endpoint: forget the loader so the dashboard's own are matched.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return dispatch(context);
    }

    private RequestDelegate Load()
    {
        lock (_gate)
        {
            if (_dispatch is { } loaded)
            {
                return loaded;
            }

            var routes = new CapturingRouteBuilder(_services);
            _conventions(routes.MapOrleansDashboard(_routePrefix));
            var endpoints = routes.DataSources.SelectMany(static source => source.Endpoints).ToArray();

            var pipeline = new ApplicationBuilder(_services);
            pipeline.UseRouting();
            pipeline.UseEndpoints(inner => inner.DataSources.Add(new FixedEndpoints(endpoints)));
            var dispatch = pipeline.Build();

            Volatile.Write(ref _endpoints, endpoints);
            Volatile.Write(ref _dispatch, dispatch);
            var changed = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            changed.Cancel();
            changed.Dispose();
            return dispatch;
        }
    }

    /// <summary>Collects what a <c>Map*</c> call creates, outside the application's own routes.</summary>
    private sealed class CapturingRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }

    /// <summary>The dashboard's endpoints for the loader's own routing pipeline; they never change.</summary>
    private sealed class FixedEndpoints(IReadOnlyList<Endpoint> endpoints) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => endpoints;

        public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;
    }
}
