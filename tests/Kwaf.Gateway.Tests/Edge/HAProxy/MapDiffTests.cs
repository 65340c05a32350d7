using Kwaf.Gateway.Edge.HAProxy;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

public sealed class MapDiffTests
{
    [Fact]
    public void Compute_SameContents_NoEdits()
    {
        var held = Map(("1.2.3.4", "block"), ("u", "allow"));

        var edits = MapDiff.Compute(held, Map(("u", "allow"), ("1.2.3.4", "block")));

        Assert.Empty(edits);
    }

    [Fact]
    public void Compute_NewKey_AddedAsNew()
    {
        var edits = MapDiff.Compute(Map(), Map(("1.2.3.4", "block")));

        Assert.Equal([new MapEdit("1.2.3.4", "block", IsNew: true)], edits);
    }

    [Fact]
    public void Compute_ChangedValue_SetOnTheExistingKey()
    {
        var edits = MapDiff.Compute(Map(("1.2.3.4", "throttle")), Map(("1.2.3.4", "block")));

        Assert.Equal([new MapEdit("1.2.3.4", "block", IsNew: false)], edits);
    }

    [Fact]
    public void Compute_KeyNoLongerWanted_Deleted()
    {
        var edits = MapDiff.Compute(Map(("1.2.3.4", "block")), Map());

        Assert.Equal([new MapEdit("1.2.3.4", null, IsNew: false)], edits);
    }

    [Fact]
    public void Compute_VerdictMovesFromAddressToNetwork_AdditionComesBeforeDeletion()
    {
        var edits = MapDiff.Compute(Map(("10.0.0.1", "block")), Map(("10.0.0.0/24", "block")));

        Assert.Equal(
            [new MapEdit("10.0.0.0/24", "block", IsNew: true), new MapEdit("10.0.0.1", null, IsNew: false)],
            edits);
    }

    private static Dictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
