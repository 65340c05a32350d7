namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>The first byte of an SPOP frame: 1-3 come from HAProxy, 101-103 from the agent.</summary>
internal enum SpopFrameType : byte
{
    Unset = 0,
    HaproxyHello = 1,
    HaproxyDisconnect = 2,
    Notify = 3,
    AgentHello = 101,
    AgentDisconnect = 102,
    Ack = 103,
}
