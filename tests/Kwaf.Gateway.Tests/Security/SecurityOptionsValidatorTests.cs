using Kwaf.Gateway.Security;

namespace Kwaf.Gateway.Tests.Security;

public sealed class SecurityOptionsValidatorTests
{
    private static readonly string GoodHash = ApiKeyHash.Format("good-key");

    [Fact]
    public void Validate_NoKeys_Succeeds()
    {
        var result = new SecurityOptionsValidator().Validate(null, new SecurityOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_WellFormedKeys_Succeed()
    {
        var options = Options(
            Key("nginx", GoodHash, KwafRoles.Check, KwafRoles.Ingest),
            Key("ops", ApiKeyHash.Format("other"), KwafRoles.Admin));

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_KeyGivenInsteadOfHash_NamesIndexNameAndField()
    {
        var options = Options(Key("nginx", "kwaf_the-key-itself", KwafRoles.Check));

        var result = new SecurityOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Kwaf:Security:ApiKeys:0 ('nginx'): Kwaf:Security:ApiKeys:0:Hash must start with 'sha256:'",
            failure, StringComparison.Ordinal);
        Assert.DoesNotContain("kwaf_the-key-itself", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRole_NamesTheRoleEntry()
    {
        var options = Options(Key("reader", GoodHash, KwafRoles.Read, "write"));

        var result = new SecurityOptionsValidator().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Kwaf:Security:ApiKeys:0:Roles:1 'write' is not a role", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralFaults_ReportsEveryOne()
    {
        var options = Options(
            Key("dup", GoodHash, KwafRoles.Read),
            Key("DUP", GoodHash),
            Key("bad name!", ApiKeyHash.Format("x"), KwafRoles.Read));

        var result = new SecurityOptionsValidator().Validate(null, options);

        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("ApiKeys:1:Name 'DUP' is used by an earlier key", failures, StringComparison.Ordinal);
        Assert.Contains("ApiKeys:1:Roles must name at least one", failures, StringComparison.Ordinal);
        Assert.Contains("ApiKeys:1:Hash is the hash of an earlier key", failures, StringComparison.Ordinal);
        Assert.Contains("ApiKeys:2:Name must be 1 to 64 letters", failures, StringComparison.Ordinal);
        Assert.Equal(4, result.Failures!.Count());
    }

    private static SecurityOptions Options(params ApiKeyOptions[] keys) => new() { ApiKeys = keys };

    private static ApiKeyOptions Key(string name, string hash, params string[] roles) =>
        new() { Name = name, Hash = hash, Roles = roles };
}
