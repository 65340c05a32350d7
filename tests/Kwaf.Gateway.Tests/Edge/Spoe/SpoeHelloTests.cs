using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpoeHelloTests
{
    // A health-check HAPROXY-HELLO as HAProxy 2.6.12 sent it (option spop-check), captured on loopback.
    private const string HaproxyHealthcheckHello =
        "0100000001000012737570706f727465642d76657273696f6e730803322e300e6d61782d6672616d652d73697a6503fcf0060c636170"
        + "6162696c697469657308000b6865616c7468636865636b11";

    [Fact]
    public void Read_HaproxyHealthcheckHello_ReadsFrameSizeAndHealthcheck()
    {
        var frame = Convert.FromHexString(HaproxyHealthcheckHello);
        var reader = new SpopReader(frame);
        var header = SpopFrames.ReadHeader(ref reader);

        var hello = SpoeHello.Read(ref reader);

        Assert.Equal(SpopFrameType.HaproxyHello, header.Type);
        Assert.Equal(new SpoeHello(16380, Pipelining: false, Healthcheck: true), hello);
    }

    [Theory]
    [InlineData("2.0", "pipelining,async", true)]
    [InlineData(" 2.0 , 1.5", " async , pipelining ", true)]
    [InlineData("2.0", "async", false)]
    public void Read_Capabilities_FindsPipelining(string versions, string capabilities, bool pipelining)
    {
        var (_, payload) = TestFrames.Split(TestFrames.Hello(4096, versions, capabilities)[4..]);
        var reader = new SpopReader(payload);

        var hello = SpoeHello.Read(ref reader);

        Assert.Equal(new SpoeHello(4096, pipelining, Healthcheck: false), hello);
    }

    [Theory]
    [InlineData("1.0", 16380u, (uint)SpopStatus.UnsupportedVersion)]
    [InlineData("3.0, 1.5", 16380u, (uint)SpopStatus.UnsupportedVersion)]
    [InlineData("2.0", 255u, (uint)SpopStatus.BadMaxFrameSize)]
    public void Read_UnacceptableHello_ThrowsWithStatus(string versions, uint maxFrameSize, uint expected)
    {
        var (_, payload) = TestFrames.Split(TestFrames.Hello(maxFrameSize, versions)[4..]);

        var error = Assert.Throws<SpopProtocolException>(() =>
        {
            var reader = new SpopReader(payload);
            SpoeHello.Read(ref reader);
        });

        Assert.Equal((SpopStatus)expected, error.Status);
    }

    [Theory]
    [InlineData("supported-versions", (uint)SpopStatus.NoVersion)]
    [InlineData("max-frame-size", (uint)SpopStatus.NoMaxFrameSize)]
    [InlineData("capabilities", (uint)SpopStatus.NoCapabilities)]
    public void Read_MandatoryItemMissing_ThrowsWithItsStatus(string missing, uint expected)
    {
        var frame = TestFrames.Frame(SpopFrameType.HaproxyHello, SpopFrames.FinFlag, 0, 0, (ref SpopWriter writer) =>
        {
            foreach (var name in new[] { "supported-versions", "max-frame-size", "capabilities" })
            {
                if (name == missing)
                {
                    continue;
                }

                writer.WriteString(name);
                if (name == "max-frame-size")
                {
                    writer.WriteTypedUInt32(16380);
                }
                else
                {
                    writer.WriteTypedString(name == "capabilities" ? "pipelining" : "2.0");
                }
            }
        });
        var (_, payload) = TestFrames.Split(frame[4..]);

        var error = Assert.Throws<SpopProtocolException>(() =>
        {
            var reader = new SpopReader(payload);
            SpoeHello.Read(ref reader);
        });

        Assert.Equal((SpopStatus)expected, error.Status);
    }
}
