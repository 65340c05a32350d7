namespace Kwaf.Grains.Subjects;

/// <summary>
/// Log event ids of the grains project's subjects feature, range 2000-2099, and 5500-5519 for the
/// cap on active subjects. Ids are never reused or renumbered.
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
    public const int TickFailed = 2008;

    // 5500-5519: the cap on active subjects.
    public const int ActiveSubjectsAtCapacity = 5500;
    public const int SubjectEvicted = 5501;
}
