using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

internal sealed class SyslogOptionsValidator : IValidateOptions<SyslogOptions>
{
    private const string Where = "; set it in appsettings.json or as an environment variable (Kwaf__Syslog__...)";

    public ValidateOptionsResult Validate(string? name, SyslogOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"{SyslogOptions.SectionName}:Address must be an IPv4 or IPv6 address{Where}.");
        }

        CheckPort(options.UdpPort, nameof(SyslogOptions.UdpPort), failures);
        CheckPort(options.TcpPort, nameof(SyslogOptions.TcpPort), failures);
        for (var i = 0; i < options.AllowedSources.Length; i++)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(options.AllowedSources[i], out _, out var reason))
            {
                failures.Add($"{SyslogOptions.SectionName}:AllowedSources:{i} must be an address or a CIDR range "
                    + $"({reason}){Where}.");
            }
        }

        if (options.MaxMessageBytes is < 480 or > 1_048_576)
        {
            failures.Add($"{SyslogOptions.SectionName}:MaxMessageBytes must be between 480 and 1048576{Where}.");
        }

        if (options.MaxTcpConnections is < 1 or > 10_000)
        {
            failures.Add($"{SyslogOptions.SectionName}:MaxTcpConnections must be between 1 and 10000{Where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(int port, string key, List<string> failures)
    {
        if (port is < 0 or > 65_535)
        {
            failures.Add($"{SyslogOptions.SectionName}:{key} must be between 0 (off) and 65535{Where}.");
        }
    }
}
