using Kwaf.Gateway.Api;
using Kwaf.Gateway.Events;
using Kwaf.Gateway.Hosting;
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
            await error.WriteLineAsync($"replay: file not found: {arguments.File}");
            return 2;
        }

        if (arguments.ConfigFile is { } config && !File.Exists(config))
        {
            await error.WriteLineAsync($"replay: settings file not found: {config}");
            return 2;
        }

        try
        {
            using var host = BuildHost(arguments.ConfigFile);
            await host.StartAsync();
            var report = host.Services.GetRequiredService<ReplayRunner>().Run(arguments, default);
            await host.StopAsync();
            Write(output, report, arguments.Json);
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
    /// The replay host: in-memory state, quiet logs, an index large enough for every flagged subject, and the settings
    /// file (if any) on top, so a policy can be tried on a log before it is deployed.
    /// </summary>
    private static IHost BuildHost(string? configFile)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Orleans"] = "Error",

                // Nothing serves a dashboard in a replay, and its collectors would only use CPU.
                [$"{KwafDashboardOptions.SectionName}:{nameof(KwafDashboardOptions.Enabled)}"] = "false",
            });
        if (configFile is not null)
        {
            configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        return KwafInProcessHost.Create(configuration.Build(), static builder =>
        {
            builder.Services.AddKwafEventIngestion();
            builder.Services.TryAddSingleton<ReplayEngine>();
            builder.Services.TryAddSingleton<ReplaySubjectCollector>();
            builder.Services.TryAddSingleton<ReplayRunner>();
        });
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
