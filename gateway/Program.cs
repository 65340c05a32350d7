using Kwaf.Gateway.Api;
using Kwaf.Gateway.Health;
using Kwaf.Gateway.Hosting;
using Kwaf.Gateway.Replay;
using Kwaf.Gateway.Security;
using Kwaf.Grains.Hosting;

if (args is ["replay", .. var replayArgs])
{
    return await ReplayCommand.RunAsync(replayArgs, Console.Out, Console.Error);
}

if (args is ["healthcheck", .. var probeArgs])
{
    return await HealthProbeCommand.RunAsync(probeArgs, Console.Error);
}

if (args is ["hash-key", .. var hashKeyArgs])
{
    return await HashKeyCommand.RunAsync(hashKeyArgs, Console.In, Console.Out, Console.Error);
}

if (args is ["--help" or "-h" or "help", ..])
{
    await Console.Out.WriteLineAsync(CommandLine.Usage);
    return 0;
}

// A bad setting or a taken address ends the process with one plain message and exit code 2. It is reported from
// the unhandled-exception hook, not caught here, so that a host under test still receives the exception itself.
AppDomain.CurrentDomain.UnhandledException += StartupFailure.ExitOnConfigurationError;

SettingsFileWatching.PreferPolling();
var builder = WebApplication.CreateBuilder(args);
builder.AddKwafHost();
builder.Services.AddKwafApi();

var app = builder.Build();
app.MapKwafApi();
await app.RunAsync();
return 0;

/// <summary>The gateway's entry point; public so that tests can host it.</summary>
public partial class Program;
