using Kwaf.Gateway.Security;

namespace Kwaf.Gateway.Tests.Security;

public sealed class ApiKeyHashTests
{
    [Fact]
    public void Format_KnownInput_IsSha256OfUtf8Bytes()
    {
        // The SHA-256 test vector of "abc" (FIPS 180-2, appendix B.1).
        const string expected = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        var formatted = ApiKeyHash.Format("abc");

        Assert.Equal(expected, formatted);
    }

    [Fact]
    public void Generate_TwoKeys_DifferAndCarry256Bits()
    {
        var first = ApiKeyHash.Generate();
        var second = ApiKeyHash.Generate();

        Assert.NotEqual(first, second);
        Assert.StartsWith("kwaf_", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(Base64(first["kwaf_".Length..])).Length);
    }

    [Fact]
    public void TryParse_FormattedHash_GivesTheDigest()
    {
        var text = ApiKeyHash.Format("abc");

        var parsed = ApiKeyHash.TryParse(text, out var hash, out var reason);

        Assert.True(parsed, reason);
        Assert.Equal(0xba, hash![0]);
        Assert.Equal(32, hash.Length);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "must start with 'sha256:'")]
    [InlineData("md5:900150983cd24fb0d6963f7d28e17f72", "must start with 'sha256:'")]
    [InlineData("sha256:ba7816bf", "found 8 characters")]
    [InlineData("sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "hex digits")]
    public void TryParse_BadForm_SaysWhy(string text, string expectedReason)
    {
        var parsed = ApiKeyHash.TryParse(text, out _, out var reason);

        Assert.False(parsed);
        Assert.Contains(expectedReason, reason, StringComparison.Ordinal);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
