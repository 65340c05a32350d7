namespace Kwaf.Gateway.Tests.Edge;

/// <summary>Repository files the edge tests run: the demo API, the proxy templates, the log format.</summary>
internal static class EdgeStackPaths
{
    /// <summary>The repository root: the folder above the test output that holds Kwaf.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>scripts/demo-api.py.</summary>
    public static string DemoApi => Path.Combine(Root, "scripts", "demo-api.py");

    /// <summary>A file under docker/ (e.g. "nginx", "templates", "kwaf.conf.template").</summary>
    public static string Docker(params string[] parts) => Path.Combine([Root, "docker", .. parts]);

    /// <summary>The nginx JSON log format kwaf's syslog listener reads: docker/nginx/kwaf-log-format.conf.</summary>
    public static string NginxLogFormat() => Docker("nginx", "kwaf-log-format.conf");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Kwaf.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName
            ?? throw new InvalidOperationException($"No Kwaf.sln above '{AppContext.BaseDirectory}'.");
    }
}
