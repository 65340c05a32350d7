using System.Collections.Concurrent;
using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Decides which senders the listener takes (Kwaf:Syslog:AllowedSources) and, for a refused one, whether it is time
/// to say so again: at most one warning per sender per <see cref="WarningInterval"/>, so that a flood from a wrong
/// address cannot flood the log.
/// </summary>
internal sealed class SyslogSourceFilter
{
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    /// <summary>Most refused senders remembered; past that the memory starts over (a few extra warnings at worst).</summary>
    private const int MaxRemembered = 1_024;

    private readonly IpNetwork[] _allowed;
    private readonly TimeProvider _time;

    // Sender -> when it was last warned about. Concurrent: UDP and TCP listeners call from their own loops.
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _lastWarned = new();

    public SyslogSourceFilter(SyslogOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = options.EffectiveAllowedSources;
        _allowed = new IpNetwork[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            // Validated at start, so the parse succeeds.
            IpAddressCanonicalizer.TryParseCidr(sources[i], out _allowed[i], out _);
        }

        _time = time;
    }

    public bool IsAllowed(IPAddress sender)
    {
        foreach (var network in _allowed)
        {
            if (network.Contains(sender))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a refusal of <paramref name="sender"/> should be logged now.</summary>
    public bool ShouldWarn(IPAddress sender)
    {
        var now = _time.GetUtcNow();
        if (_lastWarned.TryGetValue(sender, out var last) && now - last < WarningInterval)
        {
            return false;
        }

        if (_lastWarned.Count >= MaxRemembered)
        {
            _lastWarned.Clear();
        }

        _lastWarned[sender] = now;
        return true;
    }
}
