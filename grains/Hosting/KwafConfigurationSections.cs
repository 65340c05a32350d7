using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// The sections under <c>Kwaf</c> that some part of kwaf reads. A section that none reads is a misspelling
/// (<c>Kwaf:Polcy</c>) whose settings would silently not apply, so the host refuses to start and names it. Each
/// section's own keys are checked when it is bound (<see cref="KwafBinding"/>).
/// </summary>
internal static class KwafConfigurationSections
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "Audit", "Classification", "ClientIp", "Cluster", "Counters", "Dashboard", "Decisions", "Events", "Gateway",
        "Grains", "HAProxy", "Http", "Index", "Ingestion", "Persistence", "Pipeline", "Policy", "Security", "Silo",
        "Spoe", "Storage", "Syslog",
    };

    /// <summary>Throws when <paramref name="configuration"/> holds a <c>Kwaf</c> section kwaf does not read.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <exception cref="OptionsValidationException">An unknown section is present; the message names it.</exception>
    public static void ThrowIfUnknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unknown = configuration.GetSection("Kwaf").GetChildren()
            .Where(section => !Known.Contains(section.Key))
            .Select(section => $"Kwaf:{section.Key} is not a kwaf setting; known sections: "
                + string.Join(", ", Known.Order(StringComparer.Ordinal)))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException("Kwaf", typeof(KwafConfigurationSections), unknown);
        }
    }
}
