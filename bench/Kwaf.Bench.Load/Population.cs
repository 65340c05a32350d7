using System.Globalization;

namespace Kwaf.Bench.Load;

/// <summary>
/// The realistic workload's clients: IPs and users drawn from Zipf distributions (a few heavy clients, a long tail),
/// about a third of the events carrying a user id, and a small share of attackers (scanners, probers, brute-forcers)
/// on addresses of their own. Seeded: a run is reproducible.
/// </summary>
internal sealed class Population
{
    /// <summary>Share of events that come from attackers.</summary>
    public const double AttackerShare = 0.005;

    public const int AttackerCount = 200;

    private readonly double[] _ipCdf;
    private readonly double[] _userCdf;
    private readonly Random _random;

    public Population(int ips, int users, int seed)
    {
        _ipCdf = ZipfCdf(ips);
        _userCdf = ZipfCdf(users);
        _random = new Random(seed);
    }

    public Random Random => _random;

    /// <summary>The address of client number <paramref name="index"/>: mostly IPv4, one in ten IPv6.</summary>
    public static string Address(int index) => index % 10 == 9
        ? "2001:db8:" + (index / 65536).ToString("x", CultureInfo.InvariantCulture) + ":"
            + (index % 65536).ToString("x", CultureInfo.InvariantCulture) + "::1"
        : "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);

    /// <summary>Attackers live in 172.16.0.0/16, apart from the ordinary population.</summary>
    public static string AttackerAddress(int index) => "172.16." + (index >> 8 & 255) + "." + (index & 255);

    /// <summary>Whether an address is one of the attackers'.</summary>
    public static bool IsAttacker(string address) => address.StartsWith("172.16.", StringComparison.Ordinal);

    public int NextIp() => Draw(_ipCdf);

    public int NextUser() => Draw(_userCdf);

    public bool NextIsAttacker() => _random.NextDouble() < AttackerShare;

    public bool NextHasUser() => _random.Next(3) == 0;

    private static double[] ZipfCdf(int count)
    {
        // Exponent 1: the classic web-traffic shape; the top client sends about 8% of the events of 100k clients.
        var cdf = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += 1.0 / (i + 1);
            cdf[i] = sum;
        }

        for (var i = 0; i < count; i++)
        {
            cdf[i] /= sum;
        }

        return cdf;
    }

    private int Draw(double[] cdf)
    {
        var index = Array.BinarySearch(cdf, _random.NextDouble());
        return index < 0 ? Math.Min(~index, cdf.Length - 1) : index;
    }
}
