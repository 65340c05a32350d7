using Kwaf.Decisions;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Edge.Spoe;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

public sealed class SpopFramesTests
{
    [Fact]
    public void WriteAgentHello_Negotiated_CarriesVersionFrameSizeAndPipeliningOnly()
    {
        var buffer = new byte[SpopFrames.MaxReplyLength];

        var length = SpopFrames.WriteAgentHello(buffer, 4096);
        var (header, payload) = TestFrames.Split(buffer[4..length]);

        Assert.Equal((uint)(length - 4), TestFrames.LengthOf(buffer));
        Assert.Equal(new SpopFrameHeader(SpopFrameType.AgentHello, SpopFrames.FinFlag, 0, 0), header);
        var items = TestFrames.ReadKvList(payload);
        Assert.Equal("2.0", items["version"]);
        Assert.Equal(4096UL, items["max-frame-size"]);
        Assert.Equal("pipelining", items["capabilities"]);
    }

    [Fact]
    public void WriteAck_Block_SetsDecisionScoreAndRetryAfterInTransactionScope()
    {
        var buffer = new byte[SpopFrames.MaxReplyLength];

        var length = SpopFrames.WriteAck(buffer, 300, 2, new ClientVerdict(DecisionKind.Block, 87, 42));
        var (header, payload) = TestFrames.Split(buffer[4..length]);

        Assert.Equal(new SpopFrameHeader(SpopFrameType.Ack, SpopFrames.FinFlag, 300, 2), header);
        var variables = TestFrames.ReadSetVars(payload);
        Assert.Equal("block", variables["2:decision"]);
        Assert.Equal(87UL, variables["2:score"]);
        Assert.Equal(42UL, variables["2:retry_after"]);
    }

    [Fact]
    public void WriteAck_Allow_HasNoRetryAfter()
    {
        var buffer = new byte[SpopFrames.MaxReplyLength];

        var length = SpopFrames.WriteAck(buffer, 1, 1, ClientVerdict.Allowed);
        var variables = TestFrames.ReadSetVars(TestFrames.Split(buffer[4..length]).Payload);

        Assert.Equal(2, variables.Count);
        Assert.Equal("allow", variables["2:decision"]);
        Assert.Equal(0UL, variables["2:score"]);
    }

    [Fact]
    public void WriteAck_NoVerdict_HasNoActions()
    {
        var buffer = new byte[SpopFrames.MaxReplyLength];

        var length = SpopFrames.WriteAck(buffer, 9, 3, verdict: null);
        var (header, payload) = TestFrames.Split(buffer[4..length]);

        Assert.Equal(new SpopFrameHeader(SpopFrameType.Ack, SpopFrames.FinFlag, 9, 3), header);
        Assert.Empty(payload);
    }

    [Fact]
    public void WriteAgentDisconnect_LongMessage_StaysWithinReplyBound()
    {
        var buffer = new byte[SpopFrames.MaxReplyLength];

        var length = SpopFrames.WriteAgentDisconnect(buffer, SpopStatus.InvalidFrame, new string('x', 1000));
        var items = TestFrames.ReadKvList(TestFrames.Split(buffer[4..length]).Payload);

        Assert.Equal((ulong)SpopStatus.InvalidFrame, items["status-code"]);
        Assert.Equal(new string('x', 200), items["message"]);
    }
}
