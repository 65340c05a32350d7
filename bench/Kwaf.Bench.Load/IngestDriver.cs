using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Kwaf.Bench.Load;

/// <summary>
/// Sends prepared payloads to a gateway (HTTP bodies from a few concurrent senders, or syslog datagrams) and waits
/// until the gateway has dispatched everything it accepted to the grains. The run ends there: the wall time and the
/// server's CPU time cover parsing, validation, routing and the grains' work.
/// </summary>
internal sealed class IngestDriver(ServerProcess server, HttpClient client)
{
    private const int Senders = 4;

    private static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(100);

    /// <summary>Posts every body once.</summary>
    public Task<IngestRun> PostAsync(
        IReadOnlyList<byte[]> bodies,
        string contentType,
        CancellationToken cancellationToken) => PostAsync(bodies, contentType, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Posts the bodies in turn, starting over at the first, until every body went once and
    /// <paramref name="duration"/> has passed: a sustained run whose CPU includes the work that comes on timers, such
    /// as each subject's periodic state write, and not just what a short burst happens to catch.
    /// </summary>
    public async Task<IngestRun> PostAsync(
        IReadOnlyList<byte[]> bodies,
        string contentType,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var before = await IngestStats.ReadAsync(client, cancellationToken);
        var cpu = server.CpuSeconds;
        var clock = Stopwatch.StartNew();
        var next = -1;
        var senders = new Task[Senders];
        for (var s = 0; s < Senders; s++)
        {
            senders[s] = Task.Run(
                async () =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < bodies.Count || clock.Elapsed < duration)
                    {
                        var status = await PostOnceAsync(bodies[index % bodies.Count], contentType, cancellationToken);
                        while (status == HttpStatusCode.ServiceUnavailable)
                        {
                            // Sent faster than the grains take events: the gateway's buffer is full and it has counted
                            // the refused body as dropped. Back off as a proxy's shipper would; a sustained run goes
                            // on with the next body, a counted run sends this one again, so that every body arrives.
                            await Task.Delay(BackOff, cancellationToken);
                            status = duration > TimeSpan.Zero
                                ? HttpStatusCode.Accepted
                                : await PostOnceAsync(bodies[index], contentType, cancellationToken);
                        }

                        if (status != HttpStatusCode.Accepted)
                        {
                            throw new InvalidOperationException($"POST /events answered {(int)status}.");
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(senders);
        return await FinishAsync(before, cpu, clock, syslog: false, cancellationToken);
    }

    private async Task<HttpStatusCode> PostOnceAsync(
        byte[] body,
        string contentType,
        CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await client.PostAsync("/events", content, cancellationToken);
        return response.StatusCode;
    }

    public async Task<IngestRun> SendSyslogAsync(
        IReadOnlyList<byte[]> datagrams,
        int udpPort,
        CancellationToken cancellationToken)
    {
        var before = await IngestStats.ReadAsync(client, cancellationToken);
        var cpu = server.CpuSeconds;
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, udpPort));
        for (var i = 0; i < datagrams.Count; i++)
        {
            socket.Send(datagrams[i]);
            if (i % 500 == 499)
            {
                // Paced so that the kernel's receive buffer is not what the figure measures.
                await Task.Delay(1, cancellationToken);
            }
        }

        return await FinishAsync(before, cpu, clock, syslog: true, cancellationToken);
    }

    private async Task<IngestRun> FinishAsync(
        IngestStats before,
        double cpuBefore,
        Stopwatch clock,
        bool syslog,
        CancellationToken cancellationToken)
    {
        var after = await IngestStats.ReadAsync(client, cancellationToken);
        var quiet = 0;
        var lastAccepted = -1L;
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            after = await IngestStats.ReadAsync(client, cancellationToken);
            var accepted = syslog ? after.Syslog : after.Accepted;

            // Done when nothing is pending and nothing new arrived for a few polls (datagrams may still be queued).
            quiet = after.Pending == 0 && accepted == lastAccepted ? quiet + 1 : 0;
            lastAccepted = accepted;
            if (quiet >= (syslog ? 4 : 1))
            {
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = server.CpuSeconds - cpuBefore;
        var events = syslog ? after.Syslog - before.Syslog : after.Accepted - before.Accepted;
        return new IngestRun(events, after.Dropped - before.Dropped, seconds, cpu, MachineStats.LoadAverage());
    }
}
