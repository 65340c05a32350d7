namespace Kwaf.Bench.Load;

/// <summary>Draws requests: ordinary browsing for the population, attack traffic for the attackers.</summary>
internal static class Workload
{
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "okhttp/4.12.0",
    ];

    private static readonly string[] AttackPaths =
    [
        "/.env", "/.git/config", "/wp-login.php", "/phpmyadmin/index.php", "/backup.sql", "/admin/config.php",
        "/cgi-bin/test.cgi", "/index.php?id=1%27%20OR%201%3D1--", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/static/..%2f..%2fetc/passwd",
    ];

    public static SampleRequest Next(Population population)
    {
        var random = population.Random;
        if (population.NextIsAttacker())
        {
            var attacker = random.Next(Population.AttackerCount);
            var ip = Population.AttackerAddress(attacker);
            return (attacker % 3) switch
            {
                0 => new SampleRequest(ip, null, "GET", AttackPaths[random.Next(AttackPaths.Length)], 404, 153,
                    "sqlmap/1.7.2#stable (https://sqlmap.org)"),
                1 => new SampleRequest(ip, "victim" + random.Next(50), "POST", "/login", 401, 320, Agents[0]),
                _ => new SampleRequest(ip, null, "GET", "/wp-login.php", 404, 153, Agents[1]),
            };
        }

        var client = population.NextIp();
        var user = population.NextHasUser() ? "user" + population.NextUser() : null;
        var agent = Agents[client % Agents.Length];
        var ipText = Population.Address(client);
        return random.Next(20) switch
        {
            < 6 => new SampleRequest(ipText, user, "GET", "/static/app." + (client % 7) + ".js", 200, 48213, agent),
            < 12 => new SampleRequest(ipText, user, "GET", "/products/" + random.Next(5000), 200, 9120, agent),
            < 15 => new SampleRequest(ipText, user, "GET", "/search?q=item" + random.Next(300), 200, 7310, agent),
            < 17 => new SampleRequest(ipText, user, "GET", "/api/cart", 200, 812, agent),
            18 => new SampleRequest(ipText, user, "POST", "/api/cart/items", 201, 95, agent),
            19 => new SampleRequest(ipText, user, "GET", "/products/" + random.Next(5000) + "/old", 404, 153, agent),
            _ => new SampleRequest(ipText, user, "GET", "/", 200, 15022, agent),
        };
    }
}
