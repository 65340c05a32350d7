using System.Runtime;
using System.Text.Json;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Grains;
using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// <c>kwaf replay FILE</c>: rates a whole access log in this process (<see cref="ReplayEngine"/>: nothing is stored,
/// so replaying the same file twice gives the same ratings), and prints the report.
/// </summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (!ReplayArguments.TryParse(args, out var arguments, out var problem))
        {
            await error.WriteLineAsync($"replay: {problem}\n{ReplayArguments.Usage}");
            return 2;
        }

        if (!File.Exists(arguments.File))
        {
            var what = Directory.Exists(arguments.File) ? "a folder, not a file" : "file not found";
            await error.WriteLineAsync($"replay: {what}: {Described(arguments.File)}");
            return 2;
        }

        if (arguments.ConfigFile is { } config && !File.Exists(config))
        {
            await error.WriteLineAsync($"replay: settings file not found: {Described(config)}");
            return 2;
        }

        if (arguments.ConfigFile is { } settings && JsonProblemOf(settings) is { } notJson)
        {
            await error.WriteLineAsync($"replay: invalid configuration: {settings} is not valid JSON: {notJson}");
            return 2;
        }

        try
        {
            using var host = BuildHost(arguments.ConfigFile);
            await host.StartAsync();
            var report = RunInBatchMode(host.Services.GetRequiredService<ReplayRunner>(), arguments);
            await host.StopAsync();
            Write(output, report, arguments.Json);
            if (report.ReadError is { } readError)
            {
                // The report above covers what was read; the exit code and standard error say it is not the whole file.
                await error.WriteLineAsync($"replay: {readError}");
                return 1;
            }

            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"replay: invalid configuration: {string.Join("; ", ex.Failures)}");
            return 2;
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"replay: cannot read {arguments.File}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Why a settings file is not JSON as the configuration reads it (comments and trailing commas allowed), or null.
    /// </summary>
    private static string? JsonProblemOf(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(
                File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// A path as the error names it: a relative one also as the full path it was read as, since the working directory
    /// is not always where the command was typed (<c>dotnet run --project gateway</c> runs in <c>gateway/</c>).
    /// </summary>
    private static string Described(string path) => path.Length == 0 ? "(an empty path)"
        : Path.IsPathRooted(path) ? path
        : $"{path} (read as {Path.GetFullPath(path)}: a relative path is read from the working directory)";

    /// <summary>
    /// The replay host: the usual configuration layers (appsettings.json, environment) with quiet logs and the
    /// settings file (if any) on top, so a policy can be tried on a log before it is deployed. It holds what replay
    /// uses and nothing more: event normalization, subject routing, the policy and the cap on subjects, each section
    /// checked as the gateway checks it. No silo starts: replay rates in this process (<see cref="ReplayEngine"/>).
    /// </summary>
    private static IHost BuildHost(string? configFile)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",

            // A failed start is reported once, plainly, by this command; the host's own log of it is a stack trace.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None",
        });
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        KwafConfigurationSections.ThrowIfUnknown(builder.Configuration);
        var services = builder.Services;
        services.BindKwafOptions(
            builder.Configuration,
            KwafGrainLifetimeOptions.SectionName,
            new KwafGrainLifetimeOptionsValidator());
        services.AddKwafGrainServices();
        services.AddKwafEventNormalization();
        services.AddKwafSubjectRouting();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplayEngine>();
        services.TryAddSingleton<ReplaySubjectCollector>();
        services.TryAddSingleton<ReplayRunner>();
        return builder.Build();
    }

    /// <summary>
    /// Runs the replay with the garbage collector in batch mode: no background collections. A replay is one thread
    /// filling a heap that only grows, which is what batch mode is for; background collections of that heap cost
    /// about a fifth of a replay's CPU and shorten no pause that anyone waits on.
    /// </summary>
    private static ReplayReport RunInBatchMode(ReplayRunner runner, ReplayArguments arguments)
    {
        var mode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        try
        {
            return runner.Run(arguments, default);
        }
        finally
        {
            GCSettings.LatencyMode = mode;
        }
    }

    private static void Write(TextWriter output, ReplayReport report, bool json)
    {
        if (json)
        {
            ReplayConsoleWriter.WriteJson(output, report, KwafJson.Create(indented: false));
        }
        else
        {
            ReplayConsoleWriter.WriteText(output, report);
        }
    }
}
