namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// HAProxy's Runtime API refused a command, answered in an unexpected way, or closed the connection early. The feeder
/// catches it apart from other failures: it means HAProxy's maps may differ from what kwaf believes they hold.
/// </summary>
internal sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
