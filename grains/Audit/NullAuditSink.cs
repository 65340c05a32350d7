namespace Kwaf.Grains.Audit;

/// <summary>
/// The sink of silos that were built without <c>AddKwafAudit</c> (grain test clusters): records go nowhere. Every
/// host built by <c>ConfigureKwafSilo</c> registers the real buffer instead.
/// </summary>
internal sealed class NullAuditSink : IAuditSink
{
    public static readonly NullAuditSink Instance = new();

    private NullAuditSink()
    {
    }

    /// <inheritdoc />
    public bool TryRecord(AuditRecord record) => true;
}
