using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Tests.Ingestion.Classification;

public sealed class RequestClassifierTests
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64)";

    private readonly RequestClassifier _classifier = new(new ClassificationOptions());

    [Theory]
    [InlineData("/.env")]
    [InlineData("/app/.env.local")]
    [InlineData("/.git/config")]
    [InlineData("/.svn/entries")]
    [InlineData("/.htaccess")]
    [InlineData("/.htpasswd")]
    [InlineData("/wp-config.php.bak")]
    [InlineData("/wp-config.php~")]
    [InlineData("/db.sql")]
    [InlineData("/DB.SQL")]
    [InlineData("/backup.old")]
    [InlineData("/index.php.swp")]
    [InlineData("/phpmyadmin/index.php")]
    [InlineData("/phpMyAdmin/")]
    [InlineData("/server-status")]
    [InlineData("/actuator/env")]
    [InlineData("/.aws/credentials")]
    [InlineData("/config.json")]
    [InlineData("/web.config")]
    [InlineData("/etc/passwd")]
    [InlineData("/manager/html")]
    public void Classify_SensitivePath_FlagsSensitivePath(string path)
    {
        var traits = Classify(path);

        Assert.True(traits.HasFlag(RequestTraits.SensitivePath), path);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/signin")]
    [InlineData("/auth")]
    [InlineData("/wp-login.php")]
    [InlineData("/user/login")]
    [InlineData("/api/token")]
    [InlineData("/oauth/token")]
    [InlineData("/session")]
    [InlineData("/login_form")]
    public void Classify_LoginPath_FlagsLoginEndpoint(string path)
    {
        var traits = Classify(path);

        Assert.True(traits.HasFlag(RequestTraits.LoginEndpoint), path);
    }

    [Theory]
    [InlineData("sqlmap/1.7.2#stable (https://sqlmap.org)")]
    [InlineData("Mozilla/4.75 (Nikto/1.32 )")]
    [InlineData("Mozilla/5.0 zgrab/0.x")]
    [InlineData("Mozilla/5.0 (compatible; Nmap Scripting Engine)")]
    [InlineData("Fuzz Faster U Fool v2.0 ffuf")]
    [InlineData("WPScan v3.8.22")]
    public void Classify_ScannerAgent_FlagsScannerAgent(string agent)
    {
        var traits = _classifier.Classify("/", "/", null, agent);

        Assert.True(traits.HasFlag(RequestTraits.ScannerAgent), agent);
    }

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Wget/1.21")]
    [InlineData(Browser)]
    public void Classify_OrdinaryAgent_NoAgentTrait(string agent)
    {
        var traits = _classifier.Classify("/", "/", null, agent);

        Assert.Equal(RequestTraits.None, traits);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Classify_NoAgent_FlagsMissingAgent(string? agent)
    {
        var traits = _classifier.Classify("/", "/", null, agent);

        Assert.Equal(RequestTraits.MissingAgent, traits);
    }

    [Theory]
    [InlineData("/items?id=1%20UNION%20SELECT%20password%20FROM%20users", RequestTraits.SqlInjection)]
    [InlineData("/items?id=1+union+all+select+1,2", RequestTraits.SqlInjection)]
    [InlineData("/login?user=admin'%20or%201=1--", RequestTraits.SqlInjection)]
    [InlineData("/q?x=1'%20AND%20sleep(5)", RequestTraits.SqlInjection)]
    [InlineData("/q?x=benchmark(1000000,md5(1))", RequestTraits.SqlInjection)]
    [InlineData("/q?t=information_schema.tables", RequestTraits.SqlInjection)]
    [InlineData("/q?name=bob'--", RequestTraits.SqlInjection)]
    [InlineData("/search?q=<script>alert(1)</script>", RequestTraits.CrossSiteScripting)]
    [InlineData("/search?q=%3Cscript%3Ealert(1)", RequestTraits.CrossSiteScripting)]
    [InlineData("/r?u=javascript:alert(1)", RequestTraits.CrossSiteScripting)]
    [InlineData("/p?x=%22%20onerror=alert(1)", RequestTraits.CrossSiteScripting)]
    [InlineData("/a/../../etc/passwd", RequestTraits.PathTraversal)]
    [InlineData("/a/..%2f..%2fetc", RequestTraits.PathTraversal)]
    [InlineData("/%2e%2e/%2e%2e/x", RequestTraits.PathTraversal)]
    [InlineData("/scripts/..%c1%1c../winnt", RequestTraits.PathTraversal)]
    [InlineData("/view?file=/etc/passwd", RequestTraits.PathTraversal)]
    [InlineData("/ping?host=1.1.1.1;cat%20/etc/shadow", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=x|id", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=$(whoami)", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=`id`", RequestTraits.CommandInjection)]
    [InlineData("/scripts/root.exe?/c+dir", RequestTraits.CommandInjection)]
    [InlineData("/winnt/system32/cmd.exe?/c+dir", RequestTraits.CommandInjection)]
    [InlineData("/cgi-bin/x?cmd=/bin/sh", RequestTraits.CommandInjection)]
    public void Classify_AttackInTarget_FlagsCategory(string rawTarget, RequestTraits expected)
    {
        var traits = Classify(rawTarget);

        Assert.True(traits.HasFlag(expected), $"{rawTarget} lacks {expected}; got {traits}");
    }

    [Theory]
    [InlineData("/blog/2015/05/select-a-union-of-things")]
    [InlineData("/search?q=union+station+select+seats")]
    [InlineData("/products?sort=price&order=desc&id=5")]
    [InlineData("/docs/on-boarding/script-writing")]
    [InlineData("/a;jsessionid=0ABC")]
    [InlineData("/news/2024/o'reilly-books")]
    [InlineData("/static/app.min.js")]
    [InlineData("/etc-and-more/passwords")]
    public void Classify_OrdinaryTarget_NoAttackTrait(string rawTarget)
    {
        var traits = Classify(rawTarget);

        Assert.Equal(RequestTraits.None, traits);
    }

    [Theory]
    [InlineData("/static/./../admin/config.php")]
    [InlineData("/../../etc/passwd")]
    public void Classify_RawShowsTraversal_FlagsEvenWhenNormalizedPathIsClean(string rawTarget)
    {
        var normalized = PathNormalizer.Normalize(rawTarget, PathProfile.Unix);

        var traits = _classifier.Classify(rawTarget, normalized.Path, normalized.Query, Browser);

        Assert.DoesNotContain("..", normalized.Path, StringComparison.Ordinal);
        Assert.True(traits.HasFlag(RequestTraits.PathTraversal));
    }

    [Fact]
    public void Classify_ConfiguredPattern_ExtendsDefaults()
    {
        var options = new ClassificationOptions { SensitivePaths = [@"^/secret-area/"] };
        var classifier = new RequestClassifier(options);

        var configured = classifier.Classify("/secret-area/x", "/secret-area/x", null, Browser);
        var builtIn = classifier.Classify("/.env", "/.env", null, Browser);

        Assert.Equal(RequestTraits.SensitivePath, configured);
        Assert.Equal(RequestTraits.SensitivePath, builtIn);
    }

    [Fact]
    public void Classify_DefaultsDisabled_UsesOnlyConfigured()
    {
        var options = new ClassificationOptions { IncludeDefaultPatterns = false };
        var classifier = new RequestClassifier(options);

        var traits = classifier.Classify("/.env?q=' or 1=1--", "/.env", "q=' or 1=1--", "sqlmap/1.0");

        Assert.Equal(RequestTraits.None, traits);
    }

    private RequestTraits Classify(string rawTarget)
    {
        var normalized = PathNormalizer.Normalize(rawTarget, PathProfile.Unix);
        return _classifier.Classify(rawTarget, normalized.Path, normalized.Query, Browser);
    }
}
