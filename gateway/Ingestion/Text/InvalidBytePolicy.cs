namespace Kwaf.Gateway.Ingestion.Text;

/// <summary>What <see cref="Utf8Text"/> writes for bytes that are not valid UTF-8.</summary>
internal enum InvalidBytePolicy
{
    /// <summary>Each invalid byte becomes <c>%XX</c> (upper-case hex): lossless, used for request targets.</summary>
    PercentEscape,

    /// <summary>Each invalid sequence becomes U+FFFD: used for free text such as the user agent.</summary>
    Replace,
}
