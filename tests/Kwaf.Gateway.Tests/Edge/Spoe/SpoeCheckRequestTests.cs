using System.Net;
using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpoeCheckRequestTests
{
    [Theory]
    [InlineData("203.0.113.7", "alice", "203.0.113.7", "alice")]
    [InlineData("2001:db8::1", null, "2001:db8::1", null)]
    [InlineData("::ffff:198.51.100.9", " bob ", "198.51.100.9", "bob")]
    [InlineData("192.0.2.1", "", "192.0.2.1", null)]
    [InlineData("192.0.2.1", "-", "192.0.2.1", null)]
    public void Read_TypedAddressAndUser_CanonicalizesBoth(
        string ip,
        string? user,
        string expectedIp,
        string? expectedUser)
    {
        var payload = NotifyPayload(TestFrames.Notify(1, 1, ip, user));

        var request = Read(payload);

        Assert.Equal(new SpoeCheckRequest(true, expectedIp, expectedUser), request);
    }

    [Theory]
    [InlineData("203.0.113.7:443", "203.0.113.7")]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
    [InlineData("not an address", null)]
    public void Read_AddressAsString_CanonicalizesOrDrops(string ip, string? expected)
    {
        var frame = TestFrames.Frame(SpopFrameType.Notify, SpopFrames.FinFlag, 1, 1, (ref SpopWriter writer) =>
        {
            writer.WriteString("kwaf-check");
            writer.WriteByte(1);
            writer.WriteString("ip");
            writer.WriteTypedString(ip);
        });

        var request = Read(NotifyPayload(frame));

        Assert.Equal(new SpoeCheckRequest(true, expected, null), request);
    }

    [Fact]
    public void Read_OtherMessagesAround_FindsTheCheckOnly()
    {
        var frame = TestFrames.Frame(SpopFrameType.Notify, SpopFrames.FinFlag, 1, 1, static (ref SpopWriter writer) =>
        {
            writer.WriteString("other");
            writer.WriteByte(2);
            writer.WriteString("ip");
            TestFrames.WriteAddress(ref writer, IPAddress.Parse("192.0.2.99"));
            writer.WriteString("user");
            writer.WriteTypedString("eve");
            writer.WriteString("kwaf-check");
            writer.WriteByte(2);
            writer.WriteString("path");
            writer.WriteTypedString("/ignored");
            writer.WriteString("ip");
            TestFrames.WriteAddress(ref writer, IPAddress.Parse("192.0.2.1"));
        });

        var request = Read(NotifyPayload(frame));

        Assert.Equal(new SpoeCheckRequest(true, "192.0.2.1", null), request);
    }

    [Fact]
    public void Read_NoCheckMessage_NotFound()
    {
        var frame = TestFrames.Frame(SpopFrameType.Notify, SpopFrames.FinFlag, 1, 1, static (ref SpopWriter writer) =>
        {
            writer.WriteString("other");
            writer.WriteByte(1);
            writer.WriteString("ip");
            TestFrames.WriteAddress(ref writer, IPAddress.Parse("192.0.2.99"));
        });

        var request = Read(NotifyPayload(frame));

        Assert.Equal(default, request);
    }

    [Fact]
    public void Read_ArgumentCountBeyondPayload_ThrowsInvalidFrame()
    {
        var frame = TestFrames.Frame(SpopFrameType.Notify, SpopFrames.FinFlag, 1, 1, static (ref SpopWriter writer) =>
        {
            writer.WriteString("kwaf-check");
            writer.WriteByte(3);
            writer.WriteString("ip");
            TestFrames.WriteAddress(ref writer, IPAddress.Parse("192.0.2.1"));
        });
        var payload = NotifyPayload(frame);

        var error = Assert.Throws<SpopProtocolException>(() => Read(payload));

        Assert.Equal(SpopStatus.InvalidFrame, error.Status);
    }

    private static byte[] NotifyPayload(byte[] frame) => TestFrames.Split(frame[4..]).Payload;

    private static SpoeCheckRequest Read(byte[] payload)
    {
        var reader = new SpopReader(payload);
        return SpoeCheckRequest.Read(ref reader);
    }
}
