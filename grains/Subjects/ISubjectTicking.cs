namespace Kwaf.Grains.Subjects;

/// <summary>
/// The periodic work of a subject grain, called by its silo's <see cref="SubjectTickSchedule"/>: write unsaved state,
/// retry what failed, leave memory when idle. A grain call rather than a callback, so that the work runs in the
/// grain's turn like any other call, never between the awaits of an ingestion.
/// </summary>
[Alias("kwaf.ISubjectTicking")]
internal interface ISubjectTicking : IGrainWithStringKey
{
    /// <summary>
    /// Does whatever periodic work is due; does nothing when none is. It may wait behind the subject's ingestion
    /// calls, which may take two minutes, so it is given as long.
    /// </summary>
    /// <returns>A task that completes when the work is done.</returns>
    [ResponseTimeout("00:02:00")]
    Task TickAsync();
}
