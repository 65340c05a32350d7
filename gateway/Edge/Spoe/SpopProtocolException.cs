namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// A peer broke SPOP. The connection answers with an AGENT-DISCONNECT carrying <see cref="Status"/> and the message,
/// then closes; the status also names the error counter.
/// </summary>
internal sealed class SpopProtocolException : Exception
{
    public SpopProtocolException()
        : this(SpopStatus.Unknown, "SPOP error")
    {
    }

    public SpopProtocolException(string message)
        : this(SpopStatus.Unknown, message)
    {
    }

    public SpopProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = SpopStatus.Unknown;
    }

    public SpopProtocolException(SpopStatus status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The status code the AGENT-DISCONNECT frame carries.</summary>
    public SpopStatus Status { get; }
}
