namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>The status codes of a DISCONNECT frame, as SPOP defines them.</summary>
internal enum SpopStatus : uint
{
    Normal = 0,
    IoError = 1,
    Timeout = 2,
    FrameTooBig = 3,
    InvalidFrame = 4,
    NoVersion = 5,
    NoMaxFrameSize = 6,
    NoCapabilities = 7,
    UnsupportedVersion = 8,
    BadMaxFrameSize = 9,
    FragmentationNotSupported = 10,
    InterlacedFrames = 11,
    FrameIdNotFound = 12,
    ResourceAllocation = 13,
    Unknown = 99,
}
