using System.Text;
using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Tests.Syslog;

public sealed class SyslogHeaderParserTests
{
    private const string Body = "{\"remote_addr\":\"203.0.113.1\"}";

    [Theory]
    [InlineData("<190>Dec  4 20:00:00 web-1 nginx: " + Body)]
    [InlineData("<190>Dec 14 20:00:00 web-1 nginx: " + Body)]
    [InlineData("<134>Dec  4 20:00:00 haproxy[812]: " + Body)]
    [InlineData("<134>Dec  4 20:00:00 lb-1 haproxy[812]: " + Body)]
    [InlineData("<134>Dec  4 20:00:00 " + Body)]
    [InlineData("<134>haproxy[812]: " + Body)]
    [InlineData("<134>Dec  4 20:00:00 lb-1 " + Body)]
    [InlineData("<0>Dec  4 20:00:00 web-1 nginx: " + Body + "\n")]
    [InlineData("<191>Dec  4 20:00:00 web-1 nginx: " + Body + "\r\n\0")]
    public void TryReadBody_Rfc3164_FindsTheMessage(string message)
    {
        var ok = SyslogHeaderParser.TryReadBody(Bytes(message), out var body, out var format, out var reason);

        Assert.True(ok, reason);
        Assert.Equal(SyslogFormat.Rfc3164, format);
        Assert.Equal(Body, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("<134>1 2025-03-10T12:00:00.123Z lb-1 haproxy 812 - - " + Body)]
    [InlineData("<134>1 2025-03-10T12:00:00Z - - - - - " + Body)]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 ID47 [exampleSDID@32473 iut=\"3\"] " + Body)]
    [InlineData("<134>1 - lb-1 haproxy - - [a@1 x=\"a\\]b\"][b@1 y=\"[\"] " + Body)]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 - - \uFEFF" + Body)]
    public void TryReadBody_Rfc5424_FindsTheMessage(string message)
    {
        var ok = SyslogHeaderParser.TryReadBody(Bytes(message), out var body, out var format, out var reason);

        Assert.True(ok, reason);
        Assert.Equal(SyslogFormat.Rfc5424, format);
        Assert.Equal(Body, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("", "missing <PRI>")]
    [InlineData("Dec  4 20:00:00 web-1 nginx: x", "missing <PRI>")]
    [InlineData("<>Dec  4 20:00:00 web-1 nginx: x", "PRI")]
    [InlineData("<192>Dec  4 20:00:00 web-1 nginx: x", "PRI")]
    [InlineData("<1x>Dec  4 20:00:00 web-1 nginx: x", "PRI")]
    [InlineData("<1345>Dec  4 20:00:00 web-1 nginx: x", "PRI")]
    [InlineData("<13", "PRI")]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1", "truncated")]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 - -", "no message")]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 - [a@1 x=\"]", "not closed")]
    [InlineData("<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 - x " + Body, "structured data")]
    [InlineData("<190>Dec  4 20:00:00 web-1 nginx:", "no message")]
    [InlineData("<190>Dec  4 20:00:00 web-1 nginx 203.0.113.1 - - [10/Mar/2025:12:00:00 +0000]", "TAG")]
    [InlineData("<190>Dec  4 20:0", "TAG")]
    public void TryReadBody_BadHeader_FailsWithReason(string message, string expected)
    {
        var ok = SyslogHeaderParser.TryReadBody(Bytes(message), out _, out _, out var reason);

        Assert.False(ok);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
