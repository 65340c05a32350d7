namespace Kwaf.Grains.Storage;

/// <summary>The outcome of a bounded grain state write, with the error that caused a failure or conflict.</summary>
/// <param name="Outcome">How the write ended.</param>
/// <param name="Error">The exception of a failure or conflict; null otherwise.</param>
internal readonly record struct StateWriteResult(StateWriteOutcome Outcome, Exception? Error)
{
    /// <summary>Whether the state is stored.</summary>
    public bool IsWritten => Outcome == StateWriteOutcome.Written;
}
