namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>The type of a typed value of SPOP: the low four bits of its first byte.</summary>
internal enum SpopDataType : byte
{
    Null = 0,
    Boolean = 1,
    Int32 = 2,
    UInt32 = 3,
    Int64 = 4,
    UInt64 = 5,
    Ipv4 = 6,
    Ipv6 = 7,
    String = 8,
    Binary = 9,
}
