using System.Globalization;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>The test settings the cases of CASES.md state, as gateway configuration.</summary>
internal static class CaseSettings
{
    /// <summary>No setting beyond the product defaults.</summary>
    public static Dictionary<string, string?> None => [];

    /// <summary>N failed logins within the window block the client (login brute force scores critical at N).</summary>
    public static Dictionary<string, string?> FailedLoginsBlock(int threshold, int windowSeconds = 60) => new()
    {
        ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
        ["Kwaf:Policy:Detectors:LoginBruteForce:Window"] = TimeSpan.FromSeconds(windowSeconds).ToString("c"),
    };

    public static Dictionary<string, string?> With(
        this Dictionary<string, string?> settings,
        string key,
        string value)
    {
        settings[key] = value;
        return settings;
    }
}
