using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Kwaf.Grains.Counters;

/// <summary>
/// A 32-bit hash of a string's UTF-16 code units, in little-endian order: the low half of their XXH3 hash. Unlike
/// <see cref="string.GetHashCode()"/> it is the same in every process, so hashes can be persisted and compared after
/// a restart. XXH3 reads eight bytes and more at a step; a user agent of a hundred characters costs tens of
/// nanoseconds, where a byte-at-a-time hash cost a few hundred, twice an event (its address and its user).
/// </summary>
/// <remarks>
/// The code units are hashed as they lie in memory, which is little-endian on every platform .NET supports for kwaf
/// (x64, Arm64). States hold the <see cref="Version"/> of the hash in their distinct sets; one stored with another
/// version restarts those sets (<see cref="SubjectCounters"/>).
/// </remarks>
internal static class StableHash
{
    /// <summary>
    /// The version of this hash: 1 is XXH3; 0, the version a state stored before versions were kept reads as, was
    /// FNV-1a.
    /// </summary>
    public const byte Version = 1;

    /// <summary>Hashes <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static uint Of(string text) => (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
}
