using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Tests.Hosting;

/// <summary>Finds TCP ports that are free on the loopback interface.</summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// Returns distinct ports that were free a moment ago. Another process may take a port between this call
    /// and its use; the host then fails to start with an address-in-use error rather than sharing the port.
    /// </summary>
    /// <param name="count">How many ports.</param>
    /// <returns>The ports.</returns>
    public static int[] FindFree(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new TcpListener[count];
        try
        {
            // All listeners stay open until every port is known, so the ports are distinct.
            for (var index = 0; index < count; index++)
            {
                listeners[index] = new TcpListener(IPAddress.Loopback, 0);
                listeners[index].Start();
            }

            return Array.ConvertAll(listeners, static listener => ((IPEndPoint)listener.LocalEndpoint).Port);
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener?.Stop();
            }
        }
    }
}
