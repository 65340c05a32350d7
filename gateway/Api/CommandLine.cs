using Kwaf.Gateway.Health;
using Kwaf.Gateway.Replay;
using Kwaf.Gateway.Security;

namespace Kwaf.Gateway.Api;

/// <summary>What <c>--help</c> prints.</summary>
internal static class CommandLine
{
    public const string Usage = $"""
        kwaf gateway (kwaf-ingress and the REST API, with a co-hosted silo by default)

          dotnet run --project gateway [-- --urls http://127.0.0.1:5080] [--Kwaf:Section:Key=value ...]
              serve the API; settings come from appsettings.json, environment variables (Kwaf__Section__Key)
              and --Kwaf:Section:Key=value arguments
          dotnet run --project gateway -- replay FILE [options]
              rate a whole access log in this process and print a report
              {ReplayArguments.Usage}
          dotnet run --project gateway -- healthcheck [URL]
              exit 0 when the gateway at URL (default {HealthProbeCommand.DefaultUrl}) is ready
          dotnet run --project gateway -- hash-key {HashKeyCommand.Usage}
              make an API key and print it with the hash to configure (Kwaf:Security:ApiKeys), or hash a key read
              from standard input
          dotnet run --project gateway -- --help
              this text
        """;
}
