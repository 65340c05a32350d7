using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class ConnectionStringRedactorTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Username=kwaf;Password=s3cret")]
    [InlineData("Data Source=kwaf.db;Pwd=s3cret")]
    public void Redact_SecretKey_MasksValue(string connectionString)
    {
        var redacted = ConnectionStringRedactor.Redact(connectionString);

        Assert.DoesNotContain("s3cret", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_NoSecret_KeepsLocation()
    {
        var redacted = ConnectionStringRedactor.Redact("Data Source=/var/lib/kwaf/kwaf.db");

        Assert.Contains("/var/lib/kwaf/kwaf.db", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_Unparsable_ShowsNothing()
    {
        var redacted = ConnectionStringRedactor.Redact("Password='s3cret");

        Assert.Equal("***", redacted);
    }
}
