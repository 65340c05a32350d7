using System.Net;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Edge.Spoe;

internal sealed class SpoeOptionsValidator : IValidateOptions<SpoeOptions>
{
    public ValidateOptionsResult Validate(string? name, SpoeOptions options)
    {
        var failures = new List<string>();
        const string Where = "; set it in appsettings.json or as an environment variable (Kwaf__Spoe__...)";
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"{SpoeOptions.SectionName}:Address must be an IPv4 or IPv6 address{Where}.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{SpoeOptions.SectionName}:Port must be between 0 (off) and 65535{Where}.");
        }

        if (options.MaxFrameSize is < 256 or > 65532)
        {
            failures.Add($"{SpoeOptions.SectionName}:MaxFrameSize must be between 256 and 65532{Where}.");
        }

        if (options.MaxConnections is < 1 or > 10_000)
        {
            failures.Add($"{SpoeOptions.SectionName}:MaxConnections must be between 1 and 10000{Where}.");
        }

        if (options.IdleTimeout < TimeSpan.FromSeconds(1) || options.IdleTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{SpoeOptions.SectionName}:IdleTimeout must be between 00:00:01 and 01:00:00{Where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
