using System.Text.Json;

namespace Kwaf.Bench.Load;

/// <summary>What a replay report says kwaf found in the generated log: attackers and ordinary subjects it rated high
/// or critical.</summary>
internal sealed record ReplayDetection(int AttackersFlagged, int OrdinaryIpsFlagged, int UsersFlagged)
{
    public static ReplayDetection Of(JsonElement report)
    {
        var attackers = new HashSet<string>();
        var ordinaryIps = 0;
        var users = 0;
        foreach (var subject in report.GetProperty("subjects").EnumerateArray())
        {
            if (subject.GetProperty("level").GetString() is not ("high" or "critical"))
            {
                continue;
            }

            var id = subject.GetProperty("id").GetString() ?? string.Empty;
            if (subject.GetProperty("kind").GetString() == "user")
            {
                users++;
            }
            else if (Population.IsAttacker(id))
            {
                attackers.Add(id);
            }
            else
            {
                ordinaryIps++;
            }
        }

        return new ReplayDetection(attackers.Count, ordinaryIps, users);
    }

    /// <summary>
    /// The finding in words. The user ids flagged come from the workload drawing each event's user id apart from its
    /// address: user ids then arrive from many addresses (<c>account-sharing</c>), which real traffic does only behind
    /// rotating proxies.
    /// </summary>
    public string Describe() =>
        $"kwaf took {AttackersFlagged} of {Population.AttackerCount} attacker IPs to high or critical; also "
        + $"{OrdinaryIpsFlagged} ordinary IPs and {UsersFlagged} user ids (account-sharing: the workload draws an "
        + "event's user id apart from its address)";
}
