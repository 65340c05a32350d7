namespace Kwaf.Grains.Tests.Subjects;

/// <summary>Test classes marked with this collection share one <see cref="SubjectClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SubjectClusterCollection : ICollectionFixture<SubjectClusterFixture>
{
    public const string Name = "subject-cluster";
}
