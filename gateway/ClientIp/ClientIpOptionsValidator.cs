using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.ClientIp;

internal sealed class ClientIpOptionsValidator : IValidateOptions<ClientIpOptions>
{
    private const string Where = "; set it in appsettings.json or as an environment variable (Kwaf__ClientIp__...)";

    public ValidateOptionsResult Validate(string? name, ClientIpOptions options)
    {
        var failures = new List<string>();
        var entries = options.TrustedProxies ?? [];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (!IpAddressCanonicalizer.TryParseCidr(entry, out var network, out var reason))
            {
                failures.Add($"{ClientIpOptions.SectionName}:TrustedProxies:{i} ('{entry}') must be an address or a "
                    + $"CIDR range ({reason}){Where}.");
            }
            else if (network.PrefixLength == 0)
            {
                failures.Add($"{ClientIpOptions.SectionName}:TrustedProxies:{i} ('{entry}') must not cover every "
                    + $"address (prefix length 0): every client could then name its own address{Where}.");
            }
        }

        if (!ForwardedHeaderNames.TryParse(options.ForwardedHeader, out _))
        {
            failures.Add($"{ClientIpOptions.SectionName}:ForwardedHeader must be one of "
                + $"{ForwardedHeaderNames.XForwardedFor}, {ForwardedHeaderNames.Forwarded} or "
                + $"{ForwardedHeaderNames.XRealIp}{Where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
