using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.EndToEnd;

/// <summary>
/// A setting whose value does not convert, or a key that matches no setting, stops the real gateway at start with
/// exit code 2 and a message naming the key and what it takes, not an unhandled exception.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Kwaf:Policy:HalfLife", "banana", "Kwaf:Policy:HalfLife is 'banana', which is not a time span")]
    [InlineData("Kwaf:Events:MaxLineBytes", "abc", "Kwaf:Events:MaxLineBytes is 'abc', which is not a whole number")]
    [InlineData("Kwaf:Storage:Provider", "Sqlit", "which is not one of Sqlite, Memory, PostgreSql")]
    [InlineData("Kwaf:Policy:Detectors:Probng:Threshold", "3", "Kwaf:Policy:Detectors:Probng: no such setting")]
    public async Task Start_BadSetting_StopsNamingTheKey(string key, string value, string expected)
    {
        using var data = new TempFolder();

        var (exitCode, error) = await GatewayProcess.RunToExitAsync(data.Path, new Dictionary<string, string>
        {
            [key] = value,
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("kwaf: invalid configuration:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }
}
