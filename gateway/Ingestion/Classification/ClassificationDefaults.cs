namespace Kwaf.Gateway.Ingestion.Classification;

/// <summary>
/// Built-in patterns of <see cref="RequestClassifier"/>. Attack patterns need attack syntax (a quote, a bracket, a
/// separator), not just a word, so ordinary paths such as <c>/blog/select-a-union-of-things</c> do not match. Each
/// attack category also lists anchors: substrings at least one of which every default pattern of that category
/// needs, so the regex runs only on text that contains one.
/// </summary>
internal static class ClassificationDefaults
{
    public static readonly string[] SensitivePaths =
    [
        @"(?:^|/)\.env(?:\.[\w.-]*)?$",
        @"(?:^|/)\.(?:git|svn|hg|bzr)(?:/|$)",
        @"(?:^|/)\.ht(?:access|passwd)$",
        @"(?:^|/)\.(?:aws/credentials|ssh/|docker/config\.json|npmrc|DS_Store$)",
        @"(?:^|/)wp-config\.php(?:\.bak|\.old|\.orig|\.save|\.swp|\.txt|~)?$",
        @"\.(?:sql|bak|old|orig|swp|save|backup)(?:\.(?:gz|zip|bz2|tar))?$",
        @"[^/]~$",
        @"(?:^|/)(?:phpmyadmin|pma|myadmin|mysqladmin|adminer(?:\.php)?)(?:/|$)",
        @"^/server-(?:status|info)(?:/|$)",
        @"^/actuator(?:/|$)",
        @"(?:^|/)(?:web\.config|settings\.py|credentials\.json)$",
        @"(?:^|/)etc/(?:passwd|shadow|hosts)$",
        @"^/(?:manager/html|jmx-console|web-console|admin-console|invoker/|solr/admin|_profiler|telescope)",
        @"^/jenkins/script",
        @"^/(?:cgi-bin/(?:php|test-cgi|printenv)|phpinfo\.php|info\.php)",
    ];

    // Every sensitive path holds one of these: a dot (dotfiles, extensions), a trailing tilde, or a word of the
    // patterns that name neither. Most paths of a site hold none, and are ruled out without the regex.
    public static readonly string[] SensitivePathAnchors =
    [
        ".", "~", "admin", "pma", "server-", "actuator", "etc/", "manager/html", "-console", "invoker/", "_profiler",
        "telescope", "jenkins/script", "cgi-bin/",
    ];

    // Registration forms count as login endpoints: form-abuse bots post to both, and a registration answered 401/403
    // is as telling as a failed login.
    public static readonly string[] LoginPaths =
    [
        @"(?:^|/)(?:login|log-in|log_in|signin|sign-in|sign_in|logon|authenticate|session|sessions|login_form)"
            + @"(?:\.(?:php|aspx?|jsp|html?|do|action|cgi))?/?$",
        @"(?:^|/)(?:register|registration|signup|sign-up|sign_up|join_form)"
            + @"(?:\.(?:php|aspx?|jsp|html?|do|action|cgi))?/?$",
        @"(?:^|/)auth(?:/|$)",
        @"(?:^|/)wp-login\.php(?:/|$)",
        @"(?:^|/)j_security_check$",
        @"(?:^|/)(?:oauth2?|api|connect|auth)/token/?$",
    ];

    // "log" stands for login, log-in, log_in, logon and wp-login; "sign" for the sign-in and sign-up spellings;
    // "regist" for register and registration; "auth" for authenticate and the auth paths.
    public static readonly string[] LoginPathAnchors =
    [
        "log", "sign", "session", "regist", "auth", "join_form", "j_security_check", "token",
    ];

    public static readonly string[] ScannerAgents =
    [
        @"\b(?:sqlmap|nikto|nmap|masscan|zgrab|nuclei|wpscan|acunetix|dirbuster|gobuster|ffuf|wfuzz|nessus|openvas)\b",
        @"\b(?:hydra|w3af|arachni|netsparker|burpsuite|zmeu|morfeus|jorgee|havij|commix|xsstrike)\b",
    ];

    public static readonly string[] SqlInjection =
    [
        @"\bunion[\s+/*()]+(?:all[\s+/*()]+|distinct[\s+/*()]+)?select\b",
        @"['""`)][\s+]*(?:or|and|\|\||&&)[\s+]+['""(]?[\s+]*\w+[\s+]*['""]?[\s+]*(?:=|<|>|like\b)",
        @"\b(?:sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file)[\s+]*\(",
        @"\bwaitfor[\s+]+delay\b",
        @"\binformation_schema\b",
        @"['""`][\s+]*(?:--|#|/\*)",
        @";[\s+]*(?:drop|delete|insert|update|select|shutdown|exec)[\s+]",
        @"\b(?:xp_cmdshell|into[\s+]+(?:out|dump)file)\b",
    ];

    public static readonly string[] SqlInjectionAnchors =
    [
        "union", "'", "\"", "`", ")", "sleep", "benchmark", "extractvalue", "updatexml", "load_file", "waitfor",
        "information_schema", ";", "xp_cmdshell", "outfile", "dumpfile",
    ];

    public static readonly string[] CrossSiteScripting =
    [
        @"<[\s/]*(?:script|iframe|svg|object|embed|img|body|math|details)\b",
        @"%3c(?:%2f|/)?(?:script|iframe|svg|img)",
        @"\b(?:javascript|vbscript)[\s]*:",
        @"\bon(?:error|load|mouseover|focus|click|mouseenter|animationstart|toggle|begin)[\s+]*=",
        @"\bdocument\.(?:cookie|location|write)\b",
        @"\b(?:alert|prompt|confirm)[\s+]*\(",
    ];

    public static readonly string[] CrossSiteScriptingAnchors =
    [
        "<", "%3c", "script", "=", "document.", "alert", "prompt", "confirm",
    ];

    public static readonly string[] PathTraversal =
    [
        @"\.\.[/\\]",
        @"[/\\]\.\.$",
        @"\.\.(?:%2f|%5c)|%2e%2e|%252e|\.%2e|%2e\.",
        @"%c0%ae|%c0%af|%c1%1c|%c1%9c|%e0%80%af|%u002e|%u2215|%u2216",
        @"(?:^|[/\\=])etc[/\\](?:passwd|shadow)\b",
        @"\b(?:boot|win)\.ini\b",
    ];

    public static readonly string[] PathTraversalAnchors =
    [
        "..", "%2e", "%252e", "%c0", "%c1", "%e0", "%u", "etc", "boot.ini", "win.ini",
    ];

    // A command after "&&" or "||" counts as it is. After a single ';', '|' or line break, which lists of words use too
    // (fields=name|id, sort=name;id, q=rock|cat), it counts with an argument that looks like one (a flag, a path, a
    // number, a URL), or alone when what comes before is a number, a quote or nothing, as in host=127.0.0.1|id.
    private const string ShellCommands =
        "cat|id|ls|uname|whoami|wget|curl|nc|ncat|bash|sh|ping|echo|rm|chmod|perl|python|php";

    public static readonly string[] CommandInjection =
    [
        @"(?:&&|\|\|)[\s+]*(?:" + ShellCommands + @")\b(?!=)",
        @"[;|\n][\s+]*(?:" + ShellCommands + @")[\s+]+(?:[-/$.~'""`\d]|https?:)",
        @"(?:^|[\d'""`)=])[;|\n][\s+]*(?:" + ShellCommands + @")\b(?![=\w.-])",
        @"\$\(|\$\{(?:ifs|jndi:)|\$\{[^}]{0,40}\$\{",
        @"`[^`]{1,200}`",
        @"\b(?:cmd|root|command)\.exe\b",
        @"/bin/(?:ba|z|k|c|da)?sh\b",
        @"/usr/bin/(?:perl|python\d?|id|wget|curl|env)\b",
    ];

    public static readonly string[] CommandInjectionAnchors =
    [
        ";", "|", "\n", "&&", "`", "$(", "${", ".exe", "/bin/",
    ];

    // Known exploit targets, matched on the raw target only. "%u" plus four hex digits is never standard
    // percent-encoding ('u' is not a hex digit), so it is an IIS-specific escape that only attacks use; the ISAPI
    // extensions below are the Code Red, .idq and IPP (.printer) overflow targets, which ordinary sites never serve.
    // Runs of repeated characters and binary filler are found by ExploitShape, not by a pattern.
    public static readonly string[] ExploitSignatures =
    [
        @"%u[0-9a-f]{4}",
        @"\.id[aq]\?",
        @"\.printer(?:[/?]|$)",
        @"/_vti_bin/[^?]{0,200}\.dll\?[^?]{256}",
    ];

    public static readonly string[] ExploitSignatureAnchors =
    [
        "%u", ".ida?", ".idq?", ".printer", "/_vti_bin/",
    ];
}
