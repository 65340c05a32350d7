namespace Kwaf.Grains.Hosting;

/// <summary>Builds validation messages that name the configuration key, the rule and where to set the value.</summary>
internal static class OptionsFailure
{
    /// <summary>Describes one failed rule.</summary>
    /// <param name="sectionName">The options section, for example <c>Kwaf:Silo</c>.</param>
    /// <param name="propertyName">The options property, for example <c>SiloPort</c>.</param>
    /// <param name="rule">What the value must satisfy, for example "must be between 1 and 65535".</param>
    /// <returns>The message.</returns>
    public static string Describe(string sectionName, string propertyName, string rule) =>
        $"{sectionName}:{propertyName} {rule}; set the configuration key {sectionName}:{propertyName} "
        + "(appsettings.json, environment variable or command line).";
}
