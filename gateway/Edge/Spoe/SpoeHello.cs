namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>What a HAPROXY-HELLO frame asks for.</summary>
/// <param name="MaxFrameSize">The largest frame HAProxy accepts, in bytes.</param>
/// <param name="Pipelining">Whether HAProxy announced the pipelining capability.</param>
/// <param name="Healthcheck">Whether the hello is a health check, after which the agent closes.</param>
internal readonly record struct SpoeHello(uint MaxFrameSize, bool Pipelining, bool Healthcheck)
{
    /// <summary>The smallest max-frame-size SPOP allows.</summary>
    public const uint MinFrameSize = 256;

    /// <summary>
    /// Reads the KV-LIST payload of a HAPROXY-HELLO. Throws <see cref="SpopProtocolException"/> with the status code
    /// SPOP defines when a mandatory item is missing, the version is not 2.x or max-frame-size is under 256.
    /// </summary>
    public static SpoeHello Read(ref SpopReader reader)
    {
        bool? supportsVersion = null;
        uint? maxFrameSize = null;
        bool? pipelining = null;
        var healthcheck = false;
        while (!reader.End)
        {
            var name = reader.ReadString();
            var value = reader.ReadValue();
            if (name.SequenceEqual("supported-versions"u8) && value.Type == SpopDataType.String)
            {
                supportsVersion = ListsMajorVersionTwo(value.Bytes);
            }
            else if (name.SequenceEqual("max-frame-size"u8) && IsUnsigned(value.Type))
            {
                maxFrameSize = (uint)Math.Min(value.Integer, uint.MaxValue);
            }
            else if (name.SequenceEqual("capabilities"u8) && value.Type == SpopDataType.String)
            {
                pipelining = ListContains(value.Bytes, "pipelining"u8);
            }
            else if (name.SequenceEqual("healthcheck"u8))
            {
                healthcheck = value.Boolean;
            }
        }

        return Validate(supportsVersion, maxFrameSize, pipelining, healthcheck);
    }

    private static SpoeHello Validate(bool? supportsVersion, uint? maxFrameSize, bool? pipelining, bool healthcheck)
    {
        if (supportsVersion is null)
        {
            throw new SpopProtocolException(SpopStatus.NoVersion, "supported-versions not found in HAPROXY-HELLO");
        }

        if (maxFrameSize is null)
        {
            throw new SpopProtocolException(SpopStatus.NoMaxFrameSize, "max-frame-size not found in HAPROXY-HELLO");
        }

        if (pipelining is null)
        {
            throw new SpopProtocolException(SpopStatus.NoCapabilities, "capabilities not found in HAPROXY-HELLO");
        }

        if (supportsVersion == false)
        {
            throw new SpopProtocolException(SpopStatus.UnsupportedVersion, "the agent speaks SPOP 2.0 only");
        }

        if (maxFrameSize < MinFrameSize)
        {
            throw new SpopProtocolException(SpopStatus.BadMaxFrameSize, "max-frame-size must be at least 256");
        }

        return new SpoeHello(maxFrameSize.Value, pipelining.Value, healthcheck);
    }

    private static bool IsUnsigned(SpopDataType type) =>
        type is SpopDataType.UInt32 or SpopDataType.UInt64 or SpopDataType.Int32 or SpopDataType.Int64;

    /// <summary>Whether a list like "2.0, 1.5" names a 2.x version (a major version covers its lower minors).</summary>
    private static bool ListsMajorVersionTwo(ReadOnlySpan<byte> list)
    {
        foreach (var range in list.Split((byte)','))
        {
            var version = list[range].Trim((byte)' ');
            if (version.StartsWith("2."u8) || version.SequenceEqual("2"u8))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ListContains(ReadOnlySpan<byte> list, ReadOnlySpan<byte> item)
    {
        foreach (var range in list.Split((byte)','))
        {
            if (list[range].Trim((byte)' ').SequenceEqual(item))
            {
                return true;
            }
        }

        return false;
    }
}
