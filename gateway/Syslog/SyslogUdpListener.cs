using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Receives syslog datagrams (one datagram, one message) on Kwaf:Syslog:Address and UdpPort. One receive loop with
/// one pooled buffer: a message is parsed and handed on before the next is read, and nothing in the loop waits on the
/// pipeline, so a full buffer drops messages (counted) instead of stalling the socket. Datagrams from senders outside
/// Kwaf:Syslog:AllowedSources are counted and ignored. The socket is bound during the host start, so a taken port
/// stops the start.
/// </summary>
internal sealed partial class SyslogUdpListener : BackgroundService
{
    private readonly SyslogOptions _options;
    private readonly SyslogIntake _intake;
    private readonly SyslogSourceFilter _sources;
    private readonly SyslogCounters _counters;
    private readonly ILogger<SyslogUdpListener> _logger;
    private Socket? _socket;

    public SyslogUdpListener(
        IOptions<SyslogOptions> options,
        SyslogIntake intake,
        SyslogSourceFilter sources,
        Pipeline.IngestionCounters counters,
        ILogger<SyslogUdpListener> logger)
    {
        _options = options.Value;
        _intake = intake;
        _sources = sources;
        _counters = counters.Syslog;
        _logger = logger;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.UdpPort == 0)
        {
            return Task.CompletedTask;
        }

        _socket = SyslogSocketBinder.Bind(_options, ProtocolType.Udp);
        Log.Listening(_logger, "UDP", _socket.LocalEndPoint!);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        _socket?.Dispose();
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var socket = _socket!;
        // One byte more than the limit: a datagram that fills it is longer than the limit.
        var buffer = ArrayPool<byte>.Shared.Rent(_options.MaxMessageBytes + 1);
        var from = new SocketAddress(socket.AddressFamily);
        var template = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetwork
            ? IPAddress.Any
            : IPAddress.IPv6Any, 0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var received = await ReceiveAsync(socket, buffer, from, stoppingToken).ConfigureAwait(false);
                if (received >= 0)
                {
                    HandleSafely(buffer.AsSpan(0, received), ((IPEndPoint)template.Create(from)).Address);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bytes of the next datagram; more than the limit when it was cut; -1 after a transient error.</summary>
    private async ValueTask<int> ReceiveAsync(
        Socket socket,
        byte[] buffer,
        SocketAddress from,
        CancellationToken stoppingToken)
    {
        try
        {
            return await socket.ReceiveFromAsync(
                buffer.AsMemory(0, _options.MaxMessageBytes + 1),
                SocketFlags.None,
                from,
                stoppingToken).ConfigureAwait(false);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.MessageSize)
        {
            return _options.MaxMessageBytes + 1;
        }
        catch (SocketException ex) when (!stoppingToken.IsCancellationRequested)
        {
            // An ICMP error from an earlier send or a similar transient condition: the socket stays usable.
            Log.ReceiveFailed(_logger, ex);
            return -1;
        }
    }

    private void HandleSafely(ReadOnlySpan<byte> datagram, IPAddress sender)
    {
        try
        {
            Handle(datagram, sender);
        }
        catch (Exception ex)
        {
            // The loop must outlive one bad message: a background service that throws stops the whole gateway.
            Log.MessageFailed(_logger, ex);
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, IPAddress sender)
    {
        if (!_sources.IsAllowed(sender))
        {
            _counters.RefusedSource();
            if (_sources.ShouldWarn(sender))
            {
                Log.SourceRefused(_logger, "UDP", sender);
            }

            return;
        }

        if (datagram.Length > _options.MaxMessageBytes)
        {
            _intake.Oversized(_options.MaxMessageBytes, sender);
            return;
        }

        _intake.Take(datagram, sender);
    }
}
