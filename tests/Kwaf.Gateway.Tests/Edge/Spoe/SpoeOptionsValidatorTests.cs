using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpoeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new SpoeOptionsValidator().Validate(null, new SpoeOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EverythingWrong_NamesEveryKey()
    {
        var options = new SpoeOptions
        {
            Address = "localhost",
            Port = 70000,
            MaxFrameSize = 100,
            MaxConnections = 0,
            IdleTimeout = TimeSpan.Zero,
        };

        var result = new SpoeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, "invalid options passed");
        var failures = result.Failures!.ToList();
        Assert.Equal(5, failures.Count);
        foreach (var key in new[] { "Address", "Port", "MaxFrameSize", "MaxConnections", "IdleTimeout" })
        {
            Assert.Contains(failures, failure => failure.StartsWith($"Kwaf:Spoe:{key} must", StringComparison.Ordinal));
        }
    }
}
