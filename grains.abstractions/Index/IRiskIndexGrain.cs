namespace Kwaf.Index;

/// <summary>
/// A bounded index of the subjects above the ok level, so that listing the riskiest subjects never scans every
/// grain. One activation (key <see cref="Key"/>). Subject grains update it only when their level or decision changes.
/// </summary>
[Alias("kwaf.IRiskIndexGrain")]
public interface IRiskIndexGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one index.</summary>
    const long Key = 0;

    /// <summary>
    /// Adds, updates or (when the level is ok and no decision is in force) removes a subject's entry.
    /// </summary>
    /// <param name="entry">The entry.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task UpdateAsync(RiskIndexEntry entry);

    /// <summary>Reads one page, riskiest first.</summary>
    /// <param name="kind">Only this kind (<c>ip</c> or <c>user</c>), or null for both.</param>
    /// <param name="minScore">Only entries with at least this score.</param>
    /// <param name="limit">Page size, 1 to 1000.</param>
    /// <param name="cursor">Cursor from the previous page, or null for the first.</param>
    /// <returns>The page.</returns>
    Task<RiskPage> GetPageAsync(string? kind, double minScore, int limit, string? cursor);
}
