using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Fails the silo's start when its silo or gateway port is already taken. Orleans binds its listeners with address
/// reuse, so a second instance on the same ports would otherwise start beside the first and share its traffic
/// without a word. Runs first in the silo lifecycle, before Orleans binds anything.
/// </summary>
internal sealed class SiloPortCheck(IOptions<KwafSiloOptions> options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloPortCheck), ServiceLifecycleStage.First, _ => CheckAsync());

    /// <summary>Throws when a port of <paramref name="endpoints"/> has a listener already.</summary>
    /// <param name="endpoints">The silo's endpoint options.</param>
    /// <exception cref="OptionsValidationException">A port is taken; the message names its key.</exception>
    public static void ThrowIfTaken(KwafSiloOptions endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var failures = new List<string>();
        Check(endpoints.SiloPort, nameof(KwafSiloOptions.SiloPort), failures);
        Check(endpoints.GatewayPort, nameof(KwafSiloOptions.GatewayPort), failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(KwafSiloOptions.SectionName, typeof(KwafSiloOptions), failures);
        }
    }

    private Task CheckAsync()
    {
        ThrowIfTaken(options.Value);
        return Task.CompletedTask;
    }

    private static void Check(int port, string key, List<string> failures)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            failures.Add($"{KwafSiloOptions.SectionName}:{key} {port} is already in use (another kwaf instance?); "
                + $"choose a free port with --{KwafSiloOptions.SectionName}:{key}=PORT or Kwaf__Silo__{key}.");
        }
    }
}
