namespace Kwaf.Gateway.Syslog;

/// <summary>The syslog header layouts the listener reads.</summary>
internal enum SyslogFormat
{
    /// <summary>BSD syslog: <c>&lt;PRI&gt;Mmm dd hh:mm:ss [HOST ]TAG: MSG</c> (nginx, HAProxy's default).</summary>
    Rfc3164,

    /// <summary><c>&lt;PRI&gt;1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]</c>.</summary>
    Rfc5424,
}
