using System.Globalization;

namespace Kwaf.Bench.Load;

/// <summary>
/// The matches <c>fail2ban-regex --out row</c> printed, one <c>['ADDRESS', EPOCH, {...}],</c> line each, and what a
/// jail would have made of them.
/// </summary>
internal sealed class Fail2BanMatches
{
    /// <summary>Debian's jail.conf default, which its nginx-botsearch jail keeps.</summary>
    public const int MaxRetry = 5;

    public static readonly Fail2BanMatches Empty = new([]);

    /// <summary>Debian's jail.conf default, which its nginx-botsearch jail keeps.</summary>
    public static readonly TimeSpan FindTime = TimeSpan.FromMinutes(10);

    // The times each address matched, in order.
    private readonly Dictionary<string, List<long>> _times;

    private Fail2BanMatches(Dictionary<string, List<long>> times)
    {
        foreach (var list in times.Values)
        {
            list.Sort();
        }

        _times = times;
    }

    /// <summary>Every address with at least one matching line.</summary>
    public IEnumerable<string> Ips => _times.Keys;

    public int Lines => _times.Values.Sum(t => t.Count);

    public static Fail2BanMatches Parse(string output)
    {
        var times = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var open = line.IndexOf('\'', StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf('\'', open + 1);
            var comma = close < 0 ? -1 : line.IndexOf(',', close);
            var next = comma < 0 ? -1 : line.IndexOf(',', comma + 1);
            if (next < 0
                || !long.TryParse(line.AsSpan(comma + 1, next - comma - 1).Trim(), NumberStyles.Integer,
                    CultureInfo.InvariantCulture, out var epoch))
            {
                throw new FormatException($"fail2ban-regex printed a row this reader does not know: {line}");
            }

            var ip = line[(open + 1)..close];
            if (!times.TryGetValue(ip, out var list))
            {
                times[ip] = list = [];
            }

            list.Add(epoch);
        }

        return new Fail2BanMatches(times);
    }

    /// <summary>The addresses a jail bans: <see cref="MaxRetry"/> matches within <see cref="FindTime"/>.</summary>
    public IReadOnlyCollection<string> JailBans()
    {
        var banned = new List<string>();
        var window = (long)FindTime.TotalSeconds;
        foreach (var (ip, list) in _times)
        {
            for (var i = 0; i + MaxRetry - 1 < list.Count; i++)
            {
                if (list[i + MaxRetry - 1] - list[i] < window)
                {
                    banned.Add(ip);
                    break;
                }
            }
        }

        return banned;
    }

    public string Describe() =>
        $"{Lines} matching lines from {_times.Count} distinct IPs, "
        + $"{Ips.Count(Population.IsAttacker)} of them attackers";
}
