namespace Kwaf.Grains.Storage;

/// <summary>How a bounded grain state write ended.</summary>
internal enum StateWriteOutcome
{
    /// <summary>The state is stored.</summary>
    Written,

    /// <summary>The stored version differs from the one the grain holds: someone else wrote since it read.</summary>
    Conflict,

    /// <summary>The store answered with an error; nothing was stored.</summary>
    Failed,

    /// <summary>The store did not answer within the write timeout; the write goes on in the background.</summary>
    TimedOut,

    /// <summary>An earlier write that timed out is still running, so no new write was started.</summary>
    Busy,
}
