using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kwaf.Tests.Shared;

/// <summary>
/// Hands out loopback ports for the servers a test starts. Ports come from 10000-19999, below the kernel's ephemeral
/// range, so that no outgoing connection of any process can take one between the moment it is handed out and the
/// moment its server binds it; no port is handed out twice in one test process. The scripts that start servers
/// (scripts/servers.sh, cluster.sh) pick theirs from 20000-31999.
/// </summary>
/// <remarks>
/// A port bound to 0 and released at once comes from the ephemeral range. On a busy test run, with thousands of
/// client connections, one of them could take that port as its own local port before the server bound it, and the
/// server then failed to start with an address-in-use error.
/// </remarks>
internal static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const int Highest = 19_999;
    private const int FallbackEphemeralStart = 32_768;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly Lock Gate = new();
    private static readonly (int Start, int End) Range = RangeBelowEphemeral();
    private static int _cursor = Range.Start + (Environment.ProcessId * 7_919 % (Range.End - Range.Start));

    /// <summary>
    /// Returns distinct ports, none handed out before by this process, on which nothing listens (TCP or UDP) on
    /// loopback at the time of the call.
    /// </summary>
    /// <param name="count">How many ports.</param>
    /// <returns>The ports.</returns>
    public static int[] FindFree(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var ports = new int[count];
        lock (Gate)
        {
            for (var index = 0; index < count; index++)
            {
                ports[index] = NextFree();
            }
        }

        return ports;
    }

    private static int NextFree()
    {
        var size = Range.End - Range.Start;
        for (var tried = 0; tried < size; tried++)
        {
            var port = _cursor;
            _cursor = _cursor + 1 == Range.End ? Range.Start : _cursor + 1;
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Range.Start} and {Range.End - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // 10000-19999 where none of them is ephemeral; where the ephemeral range starts too low to leave a thousand of
    // them, the ports above its end.
    private static (int Start, int End) RangeBelowEphemeral()
    {
        var (ephemeralStart, ephemeralEnd) = EphemeralRange();
        var end = Math.Min(ephemeralStart, Highest + 1);
        return end - Lowest >= 1_000 ? (Lowest, end) : (Math.Max(ephemeralEnd + 1, Lowest), 65_536);
    }

    private static (int Start, int End) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile)
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
            or FormatException or IndexOutOfRangeException)
        {
            return (FallbackEphemeralStart, 60_999);
        }
    }
}
