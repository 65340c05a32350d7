using System.Buffers;

namespace Kwaf.Gateway.Events;

/// <summary>
/// A request body copied into an array rented from the shared pool; disposing it gives the array back.
/// </summary>
internal sealed class RentedBody : IDisposable
{
    private readonly int _length;
    private byte[]? _array;

    private RentedBody(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    /// <summary>The body's bytes; not to be used after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Memory =>
        _array is { } array ? array.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(RentedBody));

    /// <summary>Copies <paramref name="bytes"/> into a rented array.</summary>
    public static RentedBody CopyOf(ReadOnlySequence<byte> bytes)
    {
        var length = checked((int)bytes.Length);
        var array = ArrayPool<byte>.Shared.Rent(length);
        bytes.CopyTo(array);
        return new RentedBody(array, length);
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
