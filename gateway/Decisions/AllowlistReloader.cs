using Kwaf.Grains.Policy;
using Microsoft.Extensions.Primitives;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// Applies <c>Kwaf:Policy:Allowlist</c> to the gateway's <see cref="Allowlist"/> whenever the configuration is
/// reloaded (a changed settings file, or any provider that signals a reload), so that an address added to the
/// allowlist is allowed from the next check on (C-14) without a restart. Entries that do not all parse are refused
/// as a whole with a warning, and the previous allowlist stays in force: a typo never empties the allowlist.
/// </summary>
/// <remarks>
/// The section is read directly rather than through an options monitor, so that this callback never throws and a bad
/// entry only costs a warning. (The monitor that validation at start creates still validates the whole policy
/// section on every reload, and a failure there is thrown to whatever reloaded the configuration.) The subject
/// grains read the allowlist once when they activate, so after a reload an allowlisted address may still be rated
/// (and decided on) until its grain reactivates; the checks, the SPOE agent and the HAProxy maps ignore such
/// decisions at once, and <see cref="AllowlistedDecisionReporter"/> records each one.
/// </remarks>
internal sealed partial class AllowlistReloader(
    IConfiguration configuration,
    Allowlist allowlist,
    ILogger<AllowlistReloader> logger) : IHostedService, IDisposable
{
    private const string SectionPath = PolicyOptions.SectionName + ":" + nameof(PolicyOptions.Allowlist);

    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    /// <summary>Reads the section and applies it when it differs from the allowlist in force.</summary>
    internal void Reload()
    {
        var entries = ReadEntries();
        if (entries.SequenceEqual(allowlist.Texts, StringComparer.Ordinal))
        {
            return;
        }

        try
        {
            allowlist.Replace(entries);
            Log.Reloaded(logger, entries.Count, string.Join(", ", entries));
        }
        catch (ArgumentException exception)
        {
            Log.ReloadRefused(logger, exception.Message, allowlist.Texts.Count);
        }
    }

    private List<string> ReadEntries()
    {
        var entries = new List<string>();
        foreach (var child in configuration.GetSection(SectionPath).GetChildren())
        {
            if (child.Value is { } value)
            {
                entries.Add(value);
            }
        }

        // The configuration orders the children by key, comparing index keys as numbers ("2" before "10").
        return entries;
    }
}
