using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.HAProxy;

internal sealed class HAProxyOptionsValidator : IValidateOptions<HAProxyOptions>
{
    private const string Where = "; set it in appsettings.json or as an environment variable (Kwaf__HAProxy__...)";

    public ValidateOptionsResult Validate(string? name, HAProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.RuntimeApi.Count; i++)
        {
            if (!RuntimeApiEndpoint.TryParse(options.RuntimeApi[i], out _, out var reason))
            {
                failures.Add($"{HAProxyOptions.SectionName}:RuntimeApi:{i} {reason}{Where}.");
            }
        }

        if (options.Enabled)
        {
            CheckMapName(options.IpMap, "IpMap", failures);
            CheckMapName(options.UserMap, "UserMap", failures);
            if (options.IpMap.Length > 0 && string.Equals(options.IpMap, options.UserMap, StringComparison.Ordinal))
            {
                failures.Add($"{HAProxyOptions.SectionName}:UserMap must differ from IpMap{Where}.");
            }
        }

        CheckTables(options, failures);
        CheckRange(options.ResyncCheckInterval, "ResyncCheckInterval", TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMinutes(1), failures);
        CheckRange(options.ConnectTimeout, "ConnectTimeout", TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30),
            failures);
        CheckRange(options.CommandTimeout, "CommandTimeout", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5),
            failures);
        CheckRange(options.FailureLogInterval, "FailureLogInterval", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1),
            failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckMapName(string map, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(map))
        {
            failures.Add($"{HAProxyOptions.SectionName}:{key} must name the map file as haproxy.cfg names it when "
                + $"{HAProxyOptions.SectionName}:RuntimeApi is set{Where}.");
        }
        else if (!RuntimeApiCommands.IsSafeWord(map))
        {
            failures.Add(
                $"{HAProxyOptions.SectionName}:{key} must not contain whitespace, quotes, ';' or '\\'{Where}.");
        }
    }

    private static void CheckTables(HAProxyOptions options, List<string> failures)
    {
        if ((options.BlockTable.Length == 0) != (options.ThrottleTable.Length == 0))
        {
            failures.Add($"{HAProxyOptions.SectionName}:BlockTable and {HAProxyOptions.SectionName}:ThrottleTable "
                + $"must be both set or both empty{Where}.");
            return;
        }

        if (options.BlockTable.Length == 0)
        {
            return;
        }

        var tables = new[] { (options.BlockTable, "BlockTable"), (options.ThrottleTable, "ThrottleTable") };
        foreach (var (table, key) in tables)
        {
            if (!RuntimeApiCommands.IsSafeWord(table))
            {
                failures.Add(
                    $"{HAProxyOptions.SectionName}:{key} must not contain whitespace, quotes, ';' or '\\'{Where}.");
            }
        }

        if (string.Equals(options.BlockTable, options.ThrottleTable, StringComparison.Ordinal))
        {
            failures.Add($"{HAProxyOptions.SectionName}:ThrottleTable must differ from BlockTable{Where}.");
        }
    }

    private static void CheckRange(TimeSpan value, string key, TimeSpan min, TimeSpan max, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{HAProxyOptions.SectionName}:{key} must be between {min:c} and {max:c}{Where}.");
        }
    }
}
