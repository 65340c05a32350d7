using Kwaf.Gateway.Ingestion.Classification;

namespace Kwaf.Gateway.Tests.Ingestion.Classification;

public sealed class ClassificationOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var validator = new ClassificationOptionsValidator();

        var result = validator.Validate(null, new ClassificationOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_BadPatterns_ReportsEveryFailureByKey()
    {
        var options = new ClassificationOptions
        {
            SqlInjection = ["ok", "(unclosed"],
            LoginPaths = [""],
            ExploitSignatures = ["%u[0-9a-f"],
            MatchTimeout = TimeSpan.Zero,
        };
        var validator = new ClassificationOptionsValidator();

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Kwaf:Classification:SqlInjection[1]", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kwaf:Classification:LoginPaths[0]", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Kwaf:Classification:MatchTimeout", StringComparison.Ordinal));
        Assert.Contains(
            failures,
            f => f.StartsWith("Kwaf:Classification:ExploitSignatures[0]", StringComparison.Ordinal));
    }
}
