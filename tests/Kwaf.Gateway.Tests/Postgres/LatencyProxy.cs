using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// A TCP relay on a loopback port in front of a server, adding a settable delay to every chunk it forwards in
/// either direction: a slow network or an overloaded database, as the client sees it.
/// </summary>
internal sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private long _delayTicks;

    private LatencyProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port clients connect to.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The delay added to each forwarded chunk; zero forwards at once.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    public static LatencyProxy Start(string host, int port) =>
        new(new IPEndPoint(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_accepting, .. _relays]).ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_relays)
            {
                _relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_upstream, _stop.Token);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), either.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), either.Token);
                await Task.WhenAny(up, down);
                await either.CancelAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
            {
                // A closed side ends the relay.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var delay = Delay;
                if (delay > TimeSpan.Zero)
                {
                    // The simulated network's latency, not a wait for anything the test observes.
                    await Task.Delay(delay, cancellationToken);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Either side closing ends the pump.
        }
    }
}
