using System.Diagnostics;

namespace Kwaf.Tests.Shared;

/// <summary>
/// The private PostgreSQL and Redis instances the integration tests run against. scripts/test.sh starts them and
/// exports their addresses; a test run started another way (an IDE, a bare <c>dotnet test</c>) starts its own through
/// scripts/servers.sh on first use and stops them when the test process exits.
/// </summary>
internal static class TestServers
{
    private static readonly Lazy<Endpoints> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Npgsql connection string of the test database.</summary>
    public static string Postgres => Started.Value.Postgres;

    /// <summary>Redis address, host:port.</summary>
    public static string Redis => Started.Value.Redis;

    /// <summary>The folder the servers live in (for scripts/servers.sh pg-stop and pg-start).</summary>
    public static string Folder => Started.Value.Folder;

    /// <summary>Stops PostgreSQL (a database outage) until <see cref="StartPostgresAsync"/>.</summary>
    public static Task StopPostgresAsync() => RunScriptAsync("pg-stop", Folder);

    /// <summary>Starts PostgreSQL again on the same port and data.</summary>
    public static Task StartPostgresAsync() => RunScriptAsync("pg-start", Folder);

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kwaf.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Kwaf.sln not found above the test folder.");
        }
    }

    private static Endpoints Start()
    {
        var postgres = Environment.GetEnvironmentVariable("KWAF_TEST_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("KWAF_TEST_REDIS");
        var folder = Environment.GetEnvironmentVariable("KWAF_SERVERS_DIR");
        if (postgres is not null && redis is not null && folder is not null)
        {
            return new Endpoints(postgres, redis, folder);
        }

        var output = RunScriptAsync("start").GetAwaiter().GetResult();
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        var started = new Endpoints(
            values["KWAF_TEST_POSTGRES"],
            values["KWAF_TEST_REDIS"],
            values["KWAF_SERVERS_DIR"]);
        AppDomain.CurrentDomain.ProcessExit +=
            (_, _) => RunScriptAsync("stop", started.Folder).GetAwaiter().GetResult();
        return started;
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "servers.sh"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/servers.sh {string.Join(' ', args)} failed: {await error}");
        }

        return await output;
    }

    private sealed record Endpoints(string Postgres, string Redis, string Folder);
}
