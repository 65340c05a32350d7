namespace Kwaf.Grains.Tests.TestCluster;

/// <summary>
/// Test classes marked <c>[Collection(ClusterCollection.Name)]</c> share one <see cref="ClusterFixture"/>. They run one
/// after another and isolate themselves with unique grain keys.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
