using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpopReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, (byte)SpopDataType.Null, 0UL)]
    [InlineData(new byte[] { 0x11 }, (byte)SpopDataType.Boolean, 1UL)]
    [InlineData(new byte[] { 0x01 }, (byte)SpopDataType.Boolean, 0UL)]
    [InlineData(new byte[] { 0x02, 0x05 }, (byte)SpopDataType.Int32, 5UL)]
    [InlineData(new byte[] { 0x03, 0xFC, 0xF0, 0x06 }, (byte)SpopDataType.UInt32, 16380UL)]
    [InlineData(new byte[] { 0x04, 0xEF }, (byte)SpopDataType.Int64, 239UL)]
    [InlineData(new byte[] { 0x05, 0xF0, 0x00 }, (byte)SpopDataType.UInt64, 240UL)]
    public void ReadValue_ScalarKinds_ReadTypeAndInteger(byte[] bytes, byte type, ulong integer)
    {
        var reader = new SpopReader(bytes);

        var value = reader.ReadValue();

        Assert.Equal((SpopDataType)type, value.Type);
        Assert.Equal(integer, value.Integer);
        Assert.True(reader.End, "the reader did not consume the whole value");
    }

    [Theory]
    [InlineData(new byte[] { 0x06, 192, 0, 2, 1 }, (byte)SpopDataType.Ipv4, new byte[] { 192, 0, 2, 1 })]
    [InlineData(
        new byte[] { 0x07, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
        (byte)SpopDataType.Ipv6,
        new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x08, 0x03, 97, 98, 99 }, (byte)SpopDataType.String, new byte[] { 97, 98, 99 })]
    [InlineData(new byte[] { 0x09, 0x02, 0xFF, 0x00 }, (byte)SpopDataType.Binary, new byte[] { 0xFF, 0x00 })]
    [InlineData(new byte[] { 0x08, 0x00 }, (byte)SpopDataType.String, new byte[0])]
    public void ReadValue_ByteKinds_ReadTypeAndBytes(byte[] bytes, byte type, byte[] expected)
    {
        var reader = new SpopReader(bytes);

        var value = reader.ReadValue();

        Assert.Equal((SpopDataType)type, value.Type);
        Assert.Equal(expected, value.Bytes.ToArray());
        Assert.True(reader.End, "the reader did not consume the whole value");
    }

    [Theory]
    [InlineData(new byte[] { 0x0A })]
    [InlineData(new byte[] { 0x06, 192, 0, 2 })]
    [InlineData(new byte[] { 0x07, 0x20, 0x01 })]
    [InlineData(new byte[] { 0x08, 0x05, 97 })]
    [InlineData(new byte[] { 0x03, 0xF0 })]
    [InlineData(new byte[0])]
    public void ReadValue_UnknownTypeOrTruncated_ThrowsInvalidFrame(byte[] bytes)
    {
        var error = Assert.Throws<SpopProtocolException>(() =>
        {
            var reader = new SpopReader(bytes);
            reader.ReadValue();
        });

        Assert.Equal(SpopStatus.InvalidFrame, error.Status);
    }

    [Fact]
    public void ReadHeader_NotifyFrame_ReadsTypeFlagsAndIds()
    {
        byte[] frame = [0x03, 0x00, 0x00, 0x00, 0x01, 0xF0, 0x00, 0x07];
        var reader = new SpopReader(frame);

        var header = SpopFrames.ReadHeader(ref reader);

        Assert.Equal(new SpopFrameHeader(SpopFrameType.Notify, 1, 240, 7), header);
        Assert.True(header.IsFinal, "FIN was set");
    }
}
