namespace Kwaf.Grains.Audit;

/// <summary>
/// Log event ids of the grains project's audit feature, range 2600-2699. Ids are never reused or renumbered.
/// </summary>
internal static class AuditEventIds
{
    public const int RecordsDropped = 2600;
    public const int WriteFailed = 2601;
    public const int WriteRecovered = 2602;
    public const int WriterStarted = 2603;
    public const int RecordsLostAtShutdown = 2604;
    public const int WriterFaulted = 2605;
}
