namespace Kwaf.Gateway.Ingestion;

/// <summary>How the request line (or the method and target of a JSON event) was shaped.</summary>
internal enum RequestLineShape
{
    /// <summary>Origin-form target (starts with '/') or <c>OPTIONS *</c>, with a protocol version.</summary>
    Normal,

    /// <summary>The target was a full URL (<c>https://host/path</c>), as sent to proxies.</summary>
    AbsoluteForm,

    /// <summary>A CONNECT request whose target is <c>host:port</c>.</summary>
    Connect,

    /// <summary>Method and target without a protocol version (<c>GET /index.html</c>).</summary>
    NoProtocol,

    /// <summary>Not an HTTP request line: <c>-</c>, binary noise, or a method that is not a token.</summary>
    Malformed,
}
