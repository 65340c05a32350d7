using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Tests.Ingestion.Paths;

public sealed class PathNormalizerTests
{
    [Theory]
    [InlineData("/db.sql", "/db.sql")]
    [InlineData("/db%2Esql", "/db.sql")]
    [InlineData("/db%2esql", "/db.sql")]
    [InlineData("/%64b.sql", "/db.sql")]
    [InlineData("/DB.SQL", "/DB.SQL")]
    [InlineData("/backup/a%2fb.sql", "/backup/a%2Fb.sql")]
    [InlineData("/backup/a/b.sql", "/backup/a/b.sql")]
    [InlineData("/caf%c3%a9", "/caf%C3%A9")]
    [InlineData("/100%", "/100%25")]
    [InlineData("/a%7e%5F", "/a~_")]
    public void Normalize_PercentEncoding_DecodesOnlyUnreserved(string target, string expected)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(expected, result.Path);
    }

    [Theory]
    [InlineData("/admin/config.php")]
    [InlineData("/static/./../admin/config.php")]
    [InlineData("//admin//config.php")]
    [InlineData("/admin/./config.php")]
    [InlineData("/admin/config.php/.")]
    public void Normalize_DotSegmentsAndSlashes_GiveOneKey(string target)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal("/admin/config.php", result.Path);
        Assert.Equal(RequestTraits.None, result.Traits);
    }

    [Theory]
    [InlineData("/admin/config.php.", "Unix", "/admin/config.php.", RequestTraits.EvasionShape)]
    [InlineData("/admin\\config.php", "Unix", "/admin\\config.php", RequestTraits.EvasionShape)]
    [InlineData("/admin/config.php.", "Windows", "/admin/config.php", RequestTraits.None)]
    [InlineData("/admin\\config.php", "Windows", "/admin/config.php", RequestTraits.None)]
    [InlineData("/a\\..\\b", "Windows", "/b", RequestTraits.None)]
    public void Normalize_EvasionShapes_DependOnProfile(
        string target,
        string profile,
        string expectedPath,
        RequestTraits expectedTraits)
    {
        var result = PathNormalizer.Normalize(target, Enum.Parse<PathProfile>(profile));

        Assert.Equal(expectedPath, result.Path);
        Assert.Equal(expectedTraits, result.Traits);
    }

    [Theory]
    [InlineData("/x/..%2fadmin/config.php", "/x/..%2Fadmin/config.php")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/%2e%2e/a", "/a")]
    [InlineData("/x/%2e%2e/a", "/a")]
    [InlineData("/a%5C..%5Cb", "/a%5C..%5Cb")]
    public void Normalize_Traversal_FlagsPathTraversal(string target, string expectedPath)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(expectedPath, result.Path);
        Assert.True(result.Traits.HasFlag(RequestTraits.PathTraversal), $"no traversal flag for {target}");
    }

    [Fact]
    public void Normalize_DotDotInsideRoot_DoesNotFlagTraversal()
    {
        var result = PathNormalizer.Normalize("/a/b/../c", PathProfile.Unix);

        Assert.Equal("/a/c", result.Path);
        Assert.Equal(RequestTraits.None, result.Traits);
    }

    [Theory]
    [InlineData("/%252e%252e/etc", "/%252e%252e/etc")]
    [InlineData("/a%2541", "/a%2541")]
    public void Normalize_EscapedPercentBeforeHex_FlagsDoubleEncoded(string target, string expectedPath)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(expectedPath, result.Path);
        Assert.True(result.Traits.HasFlag(RequestTraits.DoubleEncoded));
    }

    [Fact]
    public void Normalize_TargetThatIsANormalPath_IsItsOwnPath()
    {
        var target = string.Concat("/api/", "orders");

        Assert.Same(target, PathNormalizer.Normalize(target, PathProfile.Unix).Path);
        Assert.Equal("/api/orders", PathNormalizer.Normalize(target + "?page=2", PathProfile.Unix).Path);
    }

    [Theory]
    [InlineData("https://shop.example.com/login", "shop.example.com", "/login", null)]
    [InlineData("https://shop.example.com:443/login?next=%2F", "shop.example.com", "/login", "next=%2F")]
    [InlineData("http://User@Shop.Example.COM:8080", "shop.example.com", "/", null)]
    [InlineData("http://[2001:db8::1]:8080/a", "[2001:db8::1]", "/a", null)]
    [InlineData("shop.example.com:443", "shop.example.com", "/", null)]
    [InlineData("/login?a=1?b", null, "/login", "a=1?b")]
    [InlineData("//login", null, "/login", null)]
    [InlineData("*", null, "/", null)]
    [InlineData("index.html", null, "/index.html", null)]
    [InlineData("", null, "/", null)]
    public void Normalize_TargetForms_SplitHostPathAndQuery(
        string target,
        string? expectedHost,
        string expectedPath,
        string? expectedQuery)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(expectedHost, result.Host);
        Assert.Equal(expectedPath, result.Path);
        Assert.Equal(expectedQuery, result.Query);
    }

    [Theory]
    [InlineData("/admin/", "/admin/")]
    [InlineData("/admin//", "/admin/")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/", "/")]
    public void Normalize_TrailingSlash_KeptOnlyAfterNormalSegment(string target, string expectedPath)
    {
        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(expectedPath, result.Path);
    }

    [Fact]
    public void Normalize_OverlongTarget_IsCutBeforeWork()
    {
        var target = "/" + new string('a', PathNormalizer.MaxTargetLength * 2);

        var result = PathNormalizer.Normalize(target, PathProfile.Unix);

        Assert.Equal(PathNormalizer.MaxTargetLength, result.Path.Length);
    }
}
