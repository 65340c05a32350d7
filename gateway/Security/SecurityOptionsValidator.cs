using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Checks every API key at start and reports every fault at once, naming the key by index and name and the field.
/// Never prints a hash or a key.
/// </summary>
internal sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public const int MaxKeys = 256;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var keys = options.ApiKeys ?? [];
        if (keys.Length > MaxKeys)
        {
            failures.Add($"{SecurityOptions.SectionName}:ApiKeys holds {keys.Length} keys; at most {MaxKeys} are "
                + "allowed.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < keys.Length; i++)
        {
            CheckKey(i, keys[i], names, hashes, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether <paramref name="name"/> may name a key: 1 to 64 letters, digits and . _ -.</summary>
    public static bool IsValidName(string? name) => !string.IsNullOrEmpty(name) && NamePattern().IsMatch(name);

    private static void CheckKey(
        int index,
        ApiKeyOptions? key,
        HashSet<string> names,
        HashSet<string> hashes,
        List<string> failures)
    {
        var where = $"{SecurityOptions.SectionName}:ApiKeys:{index}";
        if (key is null)
        {
            failures.Add($"{where} is empty; give Name, Roles and Hash.");
            return;
        }

        var label = string.IsNullOrEmpty(key.Name) ? $"{where}" : $"{where} ('{key.Name}')";
        if (!IsValidName(key.Name))
        {
            failures.Add($"{where}:Name must be 1 to 64 letters, digits and . _ - (it is the actor in the audit "
                + "log); set it in appsettings.json or as Kwaf__Security__ApiKeys__N__Name.");
        }
        else if (!names.Add(key.Name))
        {
            failures.Add($"{where}:Name '{key.Name}' is used by an earlier key; names must be unique.");
        }

        CheckRoles(where, label, key.Roles ?? [], failures);
        if (!ApiKeyHash.TryParse(key.Hash, out _, out var reason))
        {
            failures.Add($"{label}: {where}:Hash {reason}.");
        }
        else if (!hashes.Add(key.Hash))
        {
            failures.Add($"{label}: {where}:Hash is the hash of an earlier key; each key must be its own secret.");
        }
    }

    private static void CheckRoles(string where, string label, string[] roles, List<string> failures)
    {
        if (roles.Length == 0)
        {
            failures.Add($"{label}: {where}:Roles must name at least one of {string.Join(", ", KwafRoles.All)}.");
            return;
        }

        for (var r = 0; r < roles.Length; r++)
        {
            if (roles[r] is null || !KwafRoles.IsKnown(roles[r]))
            {
                failures.Add($"{label}: {where}:Roles:{r} '{roles[r]}' is not a role; use "
                    + $"{string.Join(", ", KwafRoles.All)}.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
