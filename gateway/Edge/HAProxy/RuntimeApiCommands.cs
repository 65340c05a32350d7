using System.Text;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>The text of the Runtime API commands kwaf sends, one per string, without the final newline.</summary>
internal static class RuntimeApiCommands
{
    /// <summary>
    /// Largest payload (the lines of a bulk <c>add map</c>) kwaf sends in one command, in characters. HAProxy refuses
    /// a command longer than its buffer (<c>tune.bufsize</c>, 16 KiB by default), so bulk loads go in chunks of half
    /// that, which also leaves room for a smaller buffer.
    /// </summary>
    public const int MaxPayloadChars = 8 * 1024;

    public const string ShowInfo = "show info";

    /// <summary>
    /// Whether <paramref name="word"/> can be sent as one argument and as a payload key without escaping: not empty,
    /// no whitespace or control characters, no quote, ';', '\' (the CLI's separators and escapes) and no "&lt;&lt;"
    /// (which opens a payload). Bearer tokens and kwaf's user ids fit; anything else is left out of the user map.
    /// </summary>
    public static bool IsSafeWord(string word)
    {
        if (string.IsNullOrEmpty(word) || word.Contains("<<", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in word)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is ';' or '\\' or '"' or '\'')
            {
                return false;
            }
        }

        return true;
    }

    public static string Add(string map, string key, string value) => $"add map {map} {key} {value}";

    public static string Set(string map, string key, string value) => $"set map {map} {key} {value}";

    public static string Delete(string map, string key) => $"del map {map} {key}";

    public static string Prepare(string map) => $"prepare map {map}";

    public static string Commit(string map, string version) => $"commit map @{version} {map}";

    /// <summary>Creates or updates the entry of <paramref name="key"/> with the ban's end in UNIX seconds.</summary>
    public static string SetEntry(string table, string key, string end) =>
        $"set table {table} key {key} data.gpt0 {end}";

    public static string ClearEntry(string table, string key) => $"clear table {table} key {key}";

    public static string ClearTable(string table) => $"clear table {table}";

    /// <summary>The command for one edit of a stick table (an addition and a change are the same command).</summary>
    public static string ForTable(string table, MapEdit edit) =>
        edit.Value is null ? ClearEntry(table, edit.Key) : SetEntry(table, edit.Key, edit.Value);

    /// <summary>Empties a table and sets every entry of <paramref name="entries"/> (key to end).</summary>
    public static List<string> LoadTable(string table, IReadOnlyDictionary<string, string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var commands = new List<string>(entries.Count + 1) { ClearTable(table) };
        commands.AddRange(entries.Select(entry => SetEntry(table, entry.Key, entry.Value)));
        return commands;
    }

    /// <summary>The command for one edit.</summary>
    public static string For(string map, MapEdit edit)
    {
        if (edit.Value is null)
        {
            return Delete(map, edit.Key);
        }

        return edit.IsNew ? Add(map, edit.Key, edit.Value) : Set(map, edit.Key, edit.Value);
    }

    /// <summary>
    /// Bulk additions to version <paramref name="version"/> of a map, as payload commands of at most
    /// <see cref="MaxPayloadChars"/> each. Each command ends with its last line's newline; the newline the session
    /// adds after every command makes the empty line that closes the payload.
    /// </summary>
    public static List<string> AddAll(string map, string version, IReadOnlyDictionary<string, string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var commands = new List<string>();
        var head = $"add map @{version} {map} <<\n";
        var text = new StringBuilder(head);
        foreach (var (key, value) in entries)
        {
            var line = $"{key} {value}\n";
            if (text.Length > head.Length && text.Length + line.Length > MaxPayloadChars)
            {
                commands.Add(text.ToString());
                text.Clear().Append(head);
            }

            text.Append(line);
        }

        if (text.Length > head.Length)
        {
            commands.Add(text.ToString());
        }

        return commands;
    }
}
