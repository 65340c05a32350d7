using Kwaf.Grains.Hosting;
using Kwaf.Silo.Hosting;
using Kwaf.Silo.Migrations;
using Microsoft.Extensions.Hosting;

if (args is ["migrate", .. var migrateArgs])
{
    return await MigrateCommand.RunAsync(migrateArgs, Console.Out, Console.Error, CancellationToken.None);
}

SettingsFileWatching.PreferPolling();
var builder = Host.CreateApplicationBuilder(args);
builder.AddKwafSilo();
using var host = builder.Build();
await host.RunAsync();
return 0;
