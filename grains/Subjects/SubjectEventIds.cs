namespace Kwaf.Grains.Subjects;

/// <summary>
/// Log event ids of the grains project's subjects feature, range 2000-2099. Ids are never reused or renumbered.
/// </summary>
internal static class SubjectEventIds
{
    public const int StateWriteFailed = 2000;
    public const int StateConflict = 2001;
    public const int EventsSkipped = 2002;
    public const int DecisionMade = 2003;
    public const int DecisionPublishFailed = 2004;
    public const int RiskIndexUpdateFailed = 2005;
    public const int StoredStateAdopted = 2006;
    public const int DecisionPublishedUnsaved = 2007;
}
