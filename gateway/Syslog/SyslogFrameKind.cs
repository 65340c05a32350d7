namespace Kwaf.Gateway.Syslog;

/// <summary>What <see cref="SyslogFrameDecoder.Next"/> found.</summary>
internal enum SyslogFrameKind
{
    /// <summary>No whole frame is buffered; read more.</summary>
    NeedMore,

    /// <summary>A whole message.</summary>
    Frame,

    /// <summary>A message longer than the limit; it is being skipped.</summary>
    Oversized,

    /// <summary>An octet count that is not a number; the decoder skips to the next line end.</summary>
    BadLength,
}
