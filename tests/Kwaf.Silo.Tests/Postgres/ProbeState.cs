namespace Kwaf.Silo.Tests.Postgres;

/// <summary>A minimal grain state for storage-level tests; stored as JSON.</summary>
internal sealed class ProbeState
{
    public int Value { get; set; }
}
