namespace Kwaf.Gateway.Events;

/// <summary>Limits of the event endpoints and of the line-based feeds (section <c>Kwaf:Events</c>).</summary>
internal sealed class EventsOptions
{
    public const string SectionName = "Kwaf:Events";

    /// <summary>Largest request body POST /events takes, in bytes; larger bodies get 413. Default 16 MiB; range 1 KiB
    /// to 256 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Most events one POST /events request may hold (array elements or NDJSON lines); a request with more gets 413
    /// and none of its events is taken, so that a sender that splits and resends never duplicates events. Default
    /// 10,000; range 1 to 1,000,000.
    /// </summary>
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>
    /// Longest NDJSON line of POST /events and longest line of a replayed log, in bytes (line break excluded). A
    /// longer line is rejected on its own with field <c>line</c>; the lines beside it are still read. Default 64 KiB;
    /// range 1 KiB to 1 MiB.
    /// </summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;
}
