namespace Kwaf.Gateway.Tests;

/// <summary>
/// Tests that start real processes (silos, gateways, PostgreSQL outages, a browser). They run one class at a time and
/// after the in-process tests, so that on a small machine their timing bounds measure kwaf, not CPU contention with
/// the rest of the suite.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestsCollection
{
    public const string Name = "processes";
}
