namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// The co-hosted silo's active subjects against its cap (<c>Kwaf:Grains:MaxActiveSubjects</c>): how many are active,
/// how many activations the cap refused and how many idle subjects left memory early, since start.
/// </summary>
internal sealed record SubjectCapacityStats(long Active, int Capacity, long Refused, long Evicted);
