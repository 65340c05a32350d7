using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Kwaf.Grains.Storage;

/// <summary>
/// The states an embedded store may hold, as 64-bit fingerprints of state name and grain key: every row found when
/// the store opened, and every state written or cleared through this process since. A state that is not here was
/// never stored, so reading it can be skipped; a fingerprint shared by two keys only costs a read.
/// </summary>
/// <remarks>
/// Sound only while this process is the store's one writer, which the data folder's lock
/// (<see cref="Hosting.DataFolderLock"/>) makes sure of. Keys are added before their write starts, so a read that
/// races a write of the same state reads. Entries are never removed: a deleted row costs one read later. About
/// 20 bytes a stored state. Thread-safe: grains of every activation call it.
/// </remarks>
internal sealed class StoredKeySet
{
    private readonly HashSet<ulong> _fingerprints = [];
    private readonly Lock _gate = new();

    /// <summary>How many distinct fingerprints the set holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _fingerprints.Count;
            }
        }
    }

    /// <summary>Records that the state may be stored.</summary>
    public void Add(string stateName, string grainKey)
    {
        var fingerprint = Fingerprint(stateName, grainKey);
        lock (_gate)
        {
            _fingerprints.Add(fingerprint);
        }
    }

    /// <summary>False when the state was certainly never stored.</summary>
    public bool MayContain(string stateName, string grainKey)
    {
        var fingerprint = Fingerprint(stateName, grainKey);
        lock (_gate)
        {
            return _fingerprints.Contains(fingerprint);
        }
    }

    private static ulong Fingerprint(string stateName, string grainKey)
    {
        // Length-prefixed, so that no two (name, key) pairs spell the same input.
        var nameBytes = Encoding.UTF8.GetByteCount(stateName);
        var size = sizeof(int) + nameBytes + Encoding.UTF8.GetByteCount(grainKey);
        var input = size <= 512 ? stackalloc byte[size] : new byte[size];
        BinaryPrimitives.WriteInt32LittleEndian(input, nameBytes);
        Encoding.UTF8.GetBytes(stateName, input[sizeof(int)..]);
        Encoding.UTF8.GetBytes(grainKey, input[(sizeof(int) + nameBytes)..]);
        return XxHash64.HashToUInt64(input);
    }
}
