namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>The fixed head of an SPOP frame.</summary>
/// <param name="Type">The frame type.</param>
/// <param name="Flags">FIN (bit 0) and ABORT (bit 1).</param>
/// <param name="StreamId">The HAProxy stream the frame belongs to (0 for HELLO and DISCONNECT).</param>
/// <param name="FrameId">The frame within the stream (0 for HELLO and DISCONNECT).</param>
internal readonly record struct SpopFrameHeader(SpopFrameType Type, uint Flags, ulong StreamId, ulong FrameId)
{
    public bool IsFinal => (Flags & SpopFrames.FinFlag) != 0;
}
