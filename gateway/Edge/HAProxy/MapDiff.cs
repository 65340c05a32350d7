namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>The edits that turn what a map holds into what it must hold.</summary>
internal static class MapDiff
{
    /// <summary>
    /// Lists the edits from <paramref name="held"/> to <paramref name="wanted"/>: additions and changed values first,
    /// deletions last, so that a verdict moving between keys (from an address to its network) is never absent in
    /// between. Keys whose value did not change yield nothing.
    /// </summary>
    public static List<MapEdit> Compute(
        IReadOnlyDictionary<string, string> held,
        IReadOnlyDictionary<string, string> wanted)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(wanted);
        var edits = new List<MapEdit>();
        foreach (var (key, value) in wanted)
        {
            if (!held.TryGetValue(key, out var current))
            {
                edits.Add(new MapEdit(key, value, IsNew: true));
            }
            else if (!string.Equals(current, value, StringComparison.Ordinal))
            {
                edits.Add(new MapEdit(key, value, IsNew: false));
            }
        }

        foreach (var key in held.Keys)
        {
            if (!wanted.ContainsKey(key))
            {
                edits.Add(new MapEdit(key, null, IsNew: false));
            }
        }

        return edits;
    }
}
