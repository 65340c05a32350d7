namespace Kwaf.Gateway.Ingestion.AccessLogs;

/// <summary>Layouts of access-log lines.</summary>
internal enum AccessLogFormat
{
    /// <summary>
    /// Per line: a line starting with '{' is JSON, else combined, or common when referer and agent are absent.
    /// </summary>
    Auto,

    /// <summary>
    /// <c>%h %l %u %t "%r" %&gt;s %b "%{Referer}i" "%{User-Agent}i"</c>; extra trailing fields are ignored.
    /// </summary>
    Combined,

    /// <summary><c>%h %l %u %t "%r" %&gt;s %b</c>; anything after the byte count is ignored.</summary>
    Common,

    /// <summary>One JSON object per line (nginx <c>escape=json</c>); names as in <c>EventFieldNames</c>.</summary>
    Json,
}
