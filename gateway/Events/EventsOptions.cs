namespace Kwaf.Gateway.Events;

/// <summary>Limits of the event endpoints.</summary>
internal sealed class EventsOptions
{
    public const string SectionName = "Kwaf:Events";

    /// <summary>Largest request body POST /events takes, in bytes; larger bodies get 413. Default 16 MiB; range 1 KiB
    /// to 256 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}
