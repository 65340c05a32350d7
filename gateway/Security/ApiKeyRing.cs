using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Security;

/// <summary>
/// The configured API keys, parsed once (the options were validated at start). Finding a key hashes it and compares
/// the hash with every configured hash in constant time, without stopping at a match, so that the time taken says
/// nothing about which key, or how much of a hash, matched.
/// </summary>
internal sealed class ApiKeyRing
{
    private readonly Entry[] _entries;

    public ApiKeyRing(IOptions<SecurityOptions> options)
    {
        var value = options.Value;
        var entries = new List<Entry>();
        foreach (var key in value.ApiKeys)
        {
            if (!ApiKeyHash.TryParse(key.Hash, out var hash, out var reason))
            {
                throw new InvalidOperationException($"API key '{key.Name}': Hash {reason}.");
            }

            entries.Add(new Entry(new ApiKeyIdentity(key.Name, ExpandRoles(key.Roles)), hash));
        }

        _entries = [.. entries];
        AllowLoopbackWithoutKey = value.AllowLoopbackWithoutKey;
    }

    /// <summary>Whether no key is configured, so that only loopback clients are served.</summary>
    public bool IsEmpty => _entries.Length == 0;

    public int Count => _entries.Length;

    public bool AllowLoopbackWithoutKey { get; }

    /// <summary>The key whose hash matches <paramref name="presented"/>, or null.</summary>
    public ApiKeyIdentity? Find(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > ApiKeyHash.MaxKeyChars)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[ApiKeyHash.HashBytes];
        ApiKeyHash.Compute(presented, hash);
        ApiKeyIdentity? found = null;
        foreach (var entry in _entries)
        {
            // No early exit: every configured hash is compared, whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                found = entry.Identity;
            }
        }

        return found;
    }

    /// <summary>The roles a key holds: its own, and every role when it holds admin.</summary>
    private static string[] ExpandRoles(string[] roles) =>
        roles.Contains(KwafRoles.Admin, StringComparer.Ordinal) ? [.. KwafRoles.All] : [.. roles.Distinct()];

    private sealed record Entry(ApiKeyIdentity Identity, byte[] Hash);
}
