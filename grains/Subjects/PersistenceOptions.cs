namespace Kwaf.Grains.Subjects;

/// <summary>When kwaf's grains write their state, and how long they wait for the store (section
/// <c>Kwaf:Persistence</c>).</summary>
internal sealed class PersistenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kwaf:Persistence";

    /// <summary>
    /// How often an active subject with unsaved changes writes its state (<c>Kwaf:Persistence:WriteInterval</c>).
    /// Default 30 seconds; from 1 second to 10 minutes. A crash loses at most this much of a subject's counter
    /// updates; decisions are written at once. Also the first retry delay after a failed write. Each write stores the
    /// subject's whole state, so the interval sets what persistence costs a busy silo: N subjects taking events write
    /// N / interval times a second.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a grain waits for one state write before it goes on from memory
    /// (<c>Kwaf:Persistence:WriteTimeout</c>). Default 2 seconds; from 100 milliseconds to 1 minute. A decision is
    /// published once its write succeeded or this time passed; a write that outlives it keeps running in the
    /// background and the grain retries later.
    /// </summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest wait between two attempts to save state after failures (<c>Kwaf:Persistence:MaxRetryBackoff</c>).
    /// Default 1 minute; from 1 second to 1 hour. The wait starts at <see cref="WriteInterval"/> and doubles with
    /// each failure up to this value.
    /// </summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
