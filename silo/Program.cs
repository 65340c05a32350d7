using Kwaf.Silo.Hosting;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddKwafSilo();
using var host = builder.Build();
await host.RunAsync();
