namespace Kwaf.Gateway.Ingestion;

/// <summary>The fields of one event that were longer than their limit and were cut (see IngestionOptions).</summary>
[Flags]
internal enum TruncatedFields
{
    None = 0,
    Path = 1 << 0,
    Host = 1 << 1,
    UserAgent = 1 << 2,
    Referer = 1 << 3,
    ForwardedFor = 1 << 4,
}
