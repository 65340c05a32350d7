namespace Kwaf.Gateway.Syslog;

/// <summary>Totals of the syslog listener since the process started (the <c>syslog</c> block of /events/stats).</summary>
/// <param name="Received">Messages read from allowed senders (datagrams and TCP frames), oversized ones included.</param>
/// <param name="Accepted">Messages that became events taken by the pipeline.</param>
/// <param name="Rejected">Messages not taken, for any reason below (oversized and buffer full included).</param>
/// <param name="RejectedByReason">Rejections per "field: reason".</param>
/// <param name="RefusedSources">Datagrams and connections refused because the sender is not allowed.</param>
/// <param name="Oversized">Messages longer than Kwaf:Syslog:MaxMessageBytes, skipped.</param>
/// <param name="TcpConnections">TCP connections open now.</param>
/// <param name="TcpConnectionsTotal">TCP connections accepted since the start.</param>
internal sealed record SyslogStats(
    long Received,
    long Accepted,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long RefusedSources,
    long Oversized,
    long TcpConnections,
    long TcpConnectionsTotal);
