namespace Kwaf.Grains.Subjects;

/// <summary>When subject grains write their state (section <c>Kwaf:Persistence</c>).</summary>
internal sealed class PersistenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Kwaf:Persistence";

    /// <summary>
    /// How often an active subject with unsaved changes writes its state. Default 5 seconds; from 1 second to
    /// 10 minutes. A crash loses at most this much of a subject's counter updates; decisions are written at once.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromSeconds(5);
}
