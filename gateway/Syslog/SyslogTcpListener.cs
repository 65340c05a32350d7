using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Accepts syslog TCP connections on Kwaf:Syslog:Address and TcpPort and reads each with a
/// <see cref="SyslogFrameDecoder"/> (octet counting or LF framing, per message). A connection from a sender outside
/// Kwaf:Syslog:AllowedSources is closed at once and counted; so is one past Kwaf:Syslog:MaxTcpConnections. Messages
/// go to the pipeline without waiting, as over UDP. The socket is bound during the host start, so a taken port stops
/// the start. Connections are closed on shutdown.
/// </summary>
internal sealed partial class SyslogTcpListener : BackgroundService
{
    private readonly SyslogOptions _options;
    private readonly SyslogIntake _intake;
    private readonly SyslogSourceFilter _sources;
    private readonly SyslogCounters _counters;
    private readonly ILogger<SyslogTcpListener> _logger;
    private readonly SemaphoreSlim _slots;
    private Socket? _socket;

    public SyslogTcpListener(
        IOptions<SyslogOptions> options,
        SyslogIntake intake,
        SyslogSourceFilter sources,
        Pipeline.IngestionCounters counters,
        ILogger<SyslogTcpListener> logger)
    {
        _options = options.Value;
        _intake = intake;
        _sources = sources;
        _counters = counters.Syslog;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxTcpConnections, _options.MaxTcpConnections);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.TcpPort == 0)
        {
            return Task.CompletedTask;
        }

        _socket = SyslogSocketBinder.Bind(_options, ProtocolType.Tcp);
        _socket.Listen(128);
        Log.Listening(_logger, "TCP", _socket.LocalEndPoint!);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await _socket!.AcceptAsync(stoppingToken).ConfigureAwait(false);
                connections.RemoveAll(static t => t.IsCompleted);
                if (Admit(client))
                {
                    connections.Add(ServeAsync(client, stoppingToken));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
            || (ex is SocketException && stoppingToken.IsCancellationRequested))
        {
            // Shutdown: the listening socket was closed or the token fired.
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    /// <summary>Checks the sender and the connection limit; closes a refused connection.</summary>
    private bool Admit(Socket client)
    {
        var sender = ((IPEndPoint)client.RemoteEndPoint!).Address;
        if (!_sources.IsAllowed(sender))
        {
            _counters.RefusedSource();
            if (_sources.ShouldWarn(sender))
            {
                Log.SourceRefused(_logger, "TCP", sender);
            }

            client.Dispose();
            return false;
        }

        if (!_slots.Wait(0))
        {
            _counters.Rejected("connection", $"more than {_options.MaxTcpConnections} open TCP connections");
            Log.TooManyConnections(_logger, sender, _options.MaxTcpConnections);
            client.Dispose();
            return false;
        }

        return true;
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        var sender = ((IPEndPoint)client.RemoteEndPoint!).Address;
        _counters.ConnectionOpened();
        using var decoder = new SyslogFrameDecoder(_options.MaxMessageBytes);
        try
        {
            while (true)
            {
                var read = await client.ReceiveAsync(decoder.FreeSpace(), SocketFlags.None, stoppingToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                decoder.Advance(read);
                Drain(decoder, sender);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The sender went away, or the gateway stops: the connection ends, already-read messages are taken.
        }
        catch (Exception ex)
        {
            // A connection must not take the listener down; it is closed and logged.
            Log.ConnectionFailed(_logger, ex, sender);
        }
        finally
        {
            client.Dispose();
            _counters.ConnectionClosed();
            _slots.Release();
        }
    }

    private void Drain(SyslogFrameDecoder decoder, IPAddress sender)
    {
        while (true)
        {
            switch (decoder.Next(out var frame))
            {
                case SyslogFrameKind.Frame:
                    _intake.Take(frame, sender);
                    break;
                case SyslogFrameKind.Oversized:
                    _intake.Oversized(_options.MaxMessageBytes, sender);
                    break;
                case SyslogFrameKind.BadLength:
                    _counters.Received();
                    _counters.Rejected("frame", "octet count is not a number followed by a space");
                    break;
                default:
                    return;
            }
        }
    }
}
