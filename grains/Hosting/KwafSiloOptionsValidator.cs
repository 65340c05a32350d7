using System.Net;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Checks <see cref="KwafSiloOptions"/>, naming the configuration key of every bad value.</summary>
internal sealed class KwafSiloOptionsValidator : IValidateOptions<KwafSiloOptions>
{
    private const int MaxPort = 65535;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        AddPortFailure(failures, nameof(KwafSiloOptions.SiloPort), options.SiloPort);
        AddPortFailure(failures, nameof(KwafSiloOptions.GatewayPort), options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add(OptionsFailure.Describe(
                KwafSiloOptions.SectionName,
                nameof(KwafSiloOptions.GatewayPort),
                $"must differ from {KwafSiloOptions.SectionName}:{nameof(KwafSiloOptions.SiloPort)}"));
        }

        if (!IPAddress.TryParse(options.AdvertisedIp, out _))
        {
            failures.Add(OptionsFailure.Describe(
                KwafSiloOptions.SectionName,
                nameof(KwafSiloOptions.AdvertisedIp),
                "must be an IPv4 or IPv6 address such as 127.0.0.1"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddPortFailure(List<string> failures, string propertyName, int port)
    {
        if (port is < 1 or > MaxPort)
        {
            failures.Add(OptionsFailure.Describe(
                KwafSiloOptions.SectionName,
                propertyName,
                $"must be between 1 and {MaxPort}, but was {port}"));
        }
    }
}
