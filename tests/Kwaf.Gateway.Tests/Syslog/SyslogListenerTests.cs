using System.Net;
using System.Text;

namespace Kwaf.Gateway.Tests.Syslog;

public sealed class SyslogListenerTests(SyslogFixture fixture) : IClassFixture<SyslogFixture>
{
    [Fact]
    public async Task Udp_NginxJsonRecord_IsCountedAndRated()
    {
        var before = (await fixture.SyslogStatsAsync()).GetProperty("accepted").GetInt64();
        var body = """
            {"time_iso8601":"2025-03-10T12:00:00+00:00","remote_addr":"203.0.113.81","request_method":"GET",
            "request_uri":"/products/7?ref=home","status":"200","body_bytes_sent":"512","request_time":"0.004",
            "http_user_agent":"Mozilla/5.0","host":"shop.example","userId":""}
            """.ReplaceLineEndings(string.Empty);

        await SyslogSender.SendUdpAsync(fixture.UdpPort, [SyslogSender.Nginx(body)]);

        await fixture.RatedEventuallyAsync("203.0.113.81", 1);
        Assert.True((await fixture.SyslogStatsAsync()).GetProperty("accepted").GetInt64() > before);
    }

    [Fact]
    public async Task Udp_HaproxyRfc5424JsonWithPlaceholders_IsAcceptedWithAbsentValues()
    {
        var body = """
            {"time":1741608000,"client_ip":"203.0.113.82","method":"GET","host":"shop.example",
            "path":"/search?q=x","status":-1,"bytes":"-","duration_ms":"-1","user_id":"-","userAgent":"-"}
            """.ReplaceLineEndings(string.Empty);

        await SyslogSender.SendUdpAsync(
            fixture.UdpPort,
            ["<134>1 2025-03-10T12:00:00Z lb-1 haproxy 812 - - " + body]);

        await fixture.RatedEventuallyAsync("203.0.113.82", 1);
    }

    [Fact]
    public async Task Udp_CombinedLine_IsAccepted()
    {
        const string line = "203.0.113.83 - - [10/Mar/2025:12:00:00 +0000] \"GET /products HTTP/1.1\" 200 512 "
            + "\"-\" \"curl/8.0\"";

        await SyslogSender.SendUdpAsync(fixture.UdpPort, [SyslogSender.Nginx(line)]);

        await fixture.RatedEventuallyAsync("203.0.113.83", 1);
    }

    [Fact]
    public async Task Tcp_MixedFramingSplitAcrossWrites_EveryMessageIsRated()
    {
        var message = SyslogSender.Nginx(Record("203.0.113.84", "/account"));
        byte[] stream = [
            .. SyslogSender.OctetCounted(message),
            .. Encoding.UTF8.GetBytes(message + "\n"),
            .. SyslogSender.OctetCounted(message),
        ];
        var before = (await fixture.SyslogStatsAsync()).GetProperty("tcpConnectionsTotal").GetInt64();

        await SyslogSender.SendTcpAsync(fixture.TcpPort, [stream[..10], stream[10..150], stream[150..]]);

        await fixture.RatedEventuallyAsync("203.0.113.84", 3);
        Assert.Equal(before + 1, (await fixture.SyslogStatsAsync()).GetProperty("tcpConnectionsTotal").GetInt64());
    }

    [Fact]
    public async Task Tcp_OversizedFrame_IsCountedAndTheNextFrameIsTaken()
    {
        var before = (await fixture.SyslogStatsAsync()).GetProperty("oversized").GetInt64();
        var huge = SyslogSender.Nginx(Record("203.0.113.85", "/" + new string('a', SyslogFixture.MaxMessageBytes)));
        var good = SyslogSender.Nginx(Record("203.0.113.85", "/products"));

        await SyslogSender.SendTcpAsync(
            fixture.TcpPort,
            [SyslogSender.OctetCounted(huge), SyslogSender.OctetCounted(good)]);

        await fixture.RatedEventuallyAsync("203.0.113.85", 1);
        Assert.Equal(before + 1, (await fixture.SyslogStatsAsync()).GetProperty("oversized").GetInt64());
    }

    [Fact]
    public async Task Udp_SenderNotAllowed_IsRefusedAndCounted()
    {
        var before = (await fixture.SyslogStatsAsync()).GetProperty("refusedSources").GetInt64();

        await SyslogSender.SendUdpAsync(
            fixture.UdpPort,
            [SyslogSender.Nginx(Record("203.0.113.86", "/"))],
            IPAddress.Parse("127.0.0.5"));
        await SyslogSender.SendUdpAsync(fixture.UdpPort, [SyslogSender.Nginx(Record("203.0.113.87", "/"))]);

        await fixture.RatedEventuallyAsync("203.0.113.87", 1);
        await fixture.CounterEventuallyAsync("refusedSources", before + 1);
        Assert.Equal(0, await fixture.TotalEventsAsync("203.0.113.86"));
    }

    [Fact]
    public async Task Tcp_SenderNotAllowed_ConnectionIsRefusedAndCounted()
    {
        var before = (await fixture.SyslogStatsAsync()).GetProperty("refusedSources").GetInt64();

        try
        {
            await SyslogSender.SendTcpAsync(
                fixture.TcpPort,
                [Encoding.UTF8.GetBytes(SyslogSender.Nginx(Record("203.0.113.88", "/")) + "\n")],
                IPAddress.Parse("127.0.0.5"));
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
        {
            // The listener closes a refused connection at once; a write that races the close is reset.
        }

        await fixture.CounterEventuallyAsync("refusedSources", before + 1);
        Assert.Equal(0, await fixture.TotalEventsAsync("203.0.113.88"));
    }

    [Fact]
    public async Task Udp_BadMessagesBesideGoodOnes_GoodOnesTakenBadOnesCountedWithReason()
    {
        var stats = await fixture.SyslogStatsAsync();
        var rejectedBefore = stats.GetProperty("rejected").GetInt64();

        await SyslogSender.SendUdpAsync(
            fixture.UdpPort,
            [
                SyslogSender.Nginx(Record("203.0.113.89", "/")),
                SyslogSender.Nginx(Record("not-an-ip", "/")),
                "<999>Mar 10 12:00:00 web-1 nginx: {}",
                SyslogSender.Nginx(Record("203.0.113.89", "/products")),
            ]);

        await fixture.RatedEventuallyAsync("203.0.113.89", 2);
        await fixture.CounterEventuallyAsync("rejected", rejectedBefore + 2);
        var reasons = (await fixture.SyslogStatsAsync()).GetProperty("rejectedByReason");
        Assert.Contains(reasons.EnumerateObject(), r => r.Name.StartsWith("ip: ", StringComparison.Ordinal));
        Assert.Contains(reasons.EnumerateObject(), r => r.Name.StartsWith("header: PRI", StringComparison.Ordinal));
    }

    private static string Record(string ip, string path) =>
        "{\"time_iso8601\":\"2025-03-10T12:00:00+00:00\",\"remote_addr\":\"" + ip + "\",\"request_method\":\"GET\","
        + "\"request_uri\":\"" + path + "\",\"status\":\"200\",\"http_user_agent\":\"Mozilla/5.0\"}";
}
