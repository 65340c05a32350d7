namespace Kwaf.Subjects;

/// <summary>What a subject grain did with a batch of events (<see cref="ISubjectGrain.TryIngestAsync"/>).</summary>
public enum IngestOutcome
{
    /// <summary>The events were counted and rated by this subject.</summary>
    Ingested = 0,

    /// <summary>
    /// The silo holds its maximum of active subjects and this subject was not among them: nothing was counted, and
    /// the caller rates the events by the subject's network aggregate or by the client IP instead.
    /// </summary>
    AtCapacity = 1,
}
