using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// Listens for HAProxy's SPOE connections on Kwaf:Spoe:Address and Port and serves each on its own
/// <see cref="SpoeConnection"/>. The socket is bound while the host starts, so a taken port stops the start.
/// </summary>
internal sealed partial class SpoeAgent : BackgroundService
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly SpoeOptions _options;
    private readonly SpoeConnectionContext _context;
    private readonly ILogger<SpoeAgent> _logger;

    // Open connections by id; the accept loop adds, each connection removes itself when it ends.
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _listener;
    private long _nextConnectionId;

    public SpoeAgent(
        IOptions<SpoeOptions> options,
        DecisionCache cache,
        Allowlist allowlist,
        TimeProvider time,
        SpoeCounters counters,
        ILogger<SpoeAgent> logger)
    {
        _options = options.Value;
        _context = new SpoeConnectionContext(_options, cache, allowlist, time, counters, logger);
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Port == 0)
        {
            return Task.CompletedTask;
        }

        var endpoint = new IPEndPoint(IPAddress.Parse(_options.Address), _options.Port);
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(512);
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            Log.ListenFailed(_logger, ex, _options.Address, _options.Port);
            throw new IOException(
                $"{SpoeOptions.SectionName}:Port {_options.Port} on {_options.Address}: cannot listen ({ex.Message}).",
                ex);
        }

        _listener = listener;
        Log.Listening(_logger, _options.Address, _options.Port, _options.MaxFrameSize);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The stopping token ends the accept loop and every connection (each says goodbye to HAProxy); the listener
        // closes after, so that the accept loop sees a cancellation, not a socket error.
        await base.StopAsync(cancellationToken);
        _listener?.Dispose();
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = _listener!;
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                || stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException ex)
            {
                // A connection reset before it was accepted, or a descriptor limit: the loop goes on after a pause,
                // so that a lasting failure does not spin.
                Log.AcceptFailed(_logger, ex);
                await PauseAsync(stoppingToken);
                continue;
            }

            Serve(socket, stoppingToken);
        }

        await Task.WhenAll(_connections.Values);
    }

    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(AcceptRetryDelay, _context.Time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the loop.
        }
    }

    private void Serve(Socket socket, CancellationToken stoppingToken)
    {
        socket.NoDelay = true;
        var id = Interlocked.Increment(ref _nextConnectionId);
        var rejected = _connections.Count >= _options.MaxConnections;
        var connection = new SpoeConnection(socket, _context, id);
        var task = rejected ? connection.RejectAsync() : connection.RunAsync(stoppingToken);
        if (rejected)
        {
            Log.ConnectionRejected(_logger, _options.MaxConnections);
        }

        // The task removes itself when done; RunAsync and RejectAsync handle their own failures and never throw.
        _connections[id] = task;
        _ = task.ContinueWith(
            (_, state) => ((ConcurrentDictionary<long, Task>)state!).TryRemove(id, out Task? _),
            _connections,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
