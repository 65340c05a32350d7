namespace Kwaf.Grains.Counters;

/// <summary>
/// A 32-bit FNV-1a hash of a string's UTF-16 code units. Unlike <see cref="string.GetHashCode()"/> it is the same in
/// every process, so hashes can be persisted and compared after a restart.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>Hashes <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static uint Of(string text)
    {
        var hash = OffsetBasis;
        foreach (var c in text)
        {
            hash = (hash ^ (c & 0xFFu)) * Prime;
            hash = (hash ^ ((uint)c >> 8)) * Prime;
        }

        return hash;
    }
}
