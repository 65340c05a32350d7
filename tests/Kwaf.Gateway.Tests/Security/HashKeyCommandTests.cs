using System.Text.RegularExpressions;
using Kwaf.Gateway.Security;

namespace Kwaf.Gateway.Tests.Security;

public sealed partial class HashKeyCommandTests
{
    [Fact]
    public async Task RunAsync_NameAndRoles_PrintsAKeyWhoseHashIsTheConfiguredOne()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await HashKeyCommand.RunAsync(["nginx", "check", "ingest"], TextReader.Null, output, error);

        var text = output.ToString();
        Assert.Equal(0, exit);
        var key = KeyLine().Match(text).Groups[1].Value;
        var hash = HashLine().Match(text).Groups[1].Value;
        Assert.Equal(ApiKeyHash.Format(key), hash);
        Assert.Contains("Kwaf__Security__ApiKeys__N__Name=nginx", text, StringComparison.Ordinal);
        Assert.Contains("Kwaf__Security__ApiKeys__N__Roles__1=ingest", text, StringComparison.Ordinal);
        Assert.Contains($"Kwaf__Security__ApiKeys__N__Hash={hash}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Stdin_PrintsTheHashOfTheKeyRead()
    {
        using var input = new StringReader("my-existing-key\n");
        using var output = new StringWriter();

        var exit = await HashKeyCommand.RunAsync(["--stdin"], input, output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.Equal(ApiKeyHash.Format("my-existing-key"), output.ToString().Trim());
    }

    [Fact]
    public async Task RunAsync_UnknownRole_Exits2NamingIt()
    {
        using var error = new StringWriter();

        var exit = await HashKeyCommand.RunAsync(["ops", "root"], TextReader.Null, TextWriter.Null, error);

        Assert.Equal(2, exit);
        Assert.Contains("'root' is not a role", error.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^key:\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^hash:\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex HashLine();
}
