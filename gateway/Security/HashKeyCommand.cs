using System.Text.Json;

namespace Kwaf.Gateway.Security;

/// <summary>
/// <c>kwaf hash-key [NAME [ROLE...]]</c> makes a new random API key and prints it with its hash and the
/// configuration that grants it; <c>kwaf hash-key --stdin</c> reads an existing key from the first line of standard
/// input (never from the command line, where other users of the host could see it) and prints its hash.
/// </summary>
internal static class HashKeyCommand
{
    public const string Usage = "[NAME [ROLE...]] | --stdin   (roles: ingest, check, read, admin)";

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextReader input,
        TextWriter output,
        TextWriter error)
    {
        if (args is ["--stdin"])
        {
            var key = (await input.ReadLineAsync())?.Trim();
            if (string.IsNullOrEmpty(key) || key.Length > ApiKeyHash.MaxKeyChars)
            {
                await error.WriteLineAsync($"hash-key: give one key of 1 to {ApiKeyHash.MaxKeyChars} characters on "
                    + "the first line of standard input");
                return 2;
            }

            await output.WriteLineAsync(ApiKeyHash.Format(key));
            return 0;
        }

        var name = args.Count > 0 ? args[0] : "my-key";
        if (!SecurityOptionsValidator.IsValidName(name))
        {
            await error.WriteLineAsync("hash-key: NAME must be 1 to 64 letters, digits and . _ -");
            return 2;
        }

        string[] roles = args.Count > 1 ? [.. args.Skip(1)] : [KwafRoles.Read];
        foreach (var role in roles)
        {
            if (!KwafRoles.IsKnown(role))
            {
                await error.WriteLineAsync($"hash-key: '{role}' is not a role; use {string.Join(", ", KwafRoles.All)}");
                return 2;
            }
        }

        await WriteNewKeyAsync(output, name, roles);
        return 0;
    }

    private static async Task WriteNewKeyAsync(TextWriter output, string name, string[] roles)
    {
        var key = ApiKeyHash.Generate();
        var hash = ApiKeyHash.Format(key);
        var entry = new Dictionary<string, object> { ["Name"] = name, ["Roles"] = roles, ["Hash"] = hash };
        await output.WriteLineAsync($"""
            key:  {key}
            hash: {hash}

            The key is shown only now: give it to the client, which sends it as "Authorization: Bearer <key>" or
            "X-Kwaf-Key: <key>". Configure only the hash, as an entry of Kwaf:Security:ApiKeys in appsettings.json:
              {JsonSerializer.Serialize(entry)}
            or as environment variables (N: the entry's index):
              Kwaf__Security__ApiKeys__N__Name={name}
            """);
        for (var i = 0; i < roles.Length; i++)
        {
            await output.WriteLineAsync($"  Kwaf__Security__ApiKeys__N__Roles__{i}={roles[i]}");
        }

        await output.WriteLineAsync($"  Kwaf__Security__ApiKeys__N__Hash={hash}");
    }
}
