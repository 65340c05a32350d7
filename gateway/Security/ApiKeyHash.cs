using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Kwaf.Gateway.Security;

/// <summary>
/// The hash form of an API key in configuration: <c>sha256:</c> and the 64 lowercase or uppercase hex digits of the
/// SHA-256 of the key's UTF-8 bytes. A single unsalted hash is enough because keys are random 256-bit values made by
/// <see cref="Generate"/>, not passwords a person chose: there is nothing to guess from a dictionary.
/// </summary>
internal static class ApiKeyHash
{
    public const string Prefix = "sha256:";

    public const int HashBytes = 32;

    /// <summary>The longest key the gateway hashes; a longer one is unknown without being hashed.</summary>
    public const int MaxKeyChars = 256;

    private const string KeyPrefix = "kwaf_";

    /// <summary>A new random key: <c>kwaf_</c> and 43 base64url characters (256 bits).</summary>
    public static string Generate()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return KeyPrefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The configuration form of <paramref name="key"/>'s hash.</summary>
    public static string Format(string key)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        Compute(key, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    /// <summary>Writes the SHA-256 of <paramref name="key"/>'s UTF-8 bytes to <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<char> key, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(key, buffer);
        SHA256.HashData(buffer[..written], destination);
        CryptographicOperations.ZeroMemory(buffer[..written]);
    }

    /// <summary>Parses the configuration form, or says what is wrong with it (never echoing the value).</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out byte[]? hash,
        [NotNullWhen(false)] out string? reason)
    {
        hash = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = $"is required: '{Prefix}' and 64 hex digits (make one with 'kwaf hash-key')";
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"must start with '{Prefix}' (the only hash kwaf knows); it is not the key itself";
            return false;
        }

        var hex = text.AsSpan(Prefix.Length);
        if (hex.Length != HashBytes * 2)
        {
            reason = $"must be '{Prefix}' followed by exactly 64 hex digits, found {hex.Length} characters";
            return false;
        }

        if (!IsHex(hex))
        {
            reason = $"must be '{Prefix}' followed by hex digits (0-9, a-f) only";
            return false;
        }

        hash = Convert.FromHexString(hex);
        reason = null;
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
