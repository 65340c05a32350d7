using System.Text.Json;
using System.Text.Json.Nodes;
using Kwaf.Decisions;
using Kwaf.Grains.Subjects;

namespace Kwaf.Grains.Tests.Subjects;

/// <summary>
/// Subject state is stored as System.Text.Json (embedded SQLite and PostgreSQL rows): rows written before a field
/// existed must still load.
/// </summary>
public sealed class SubjectStateJsonTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Deserialize_RowWrittenBeforeShadowMode_LoadsEnforcedDecisionWithItsExactExpiry()
    {
        var state = new SubjectState();
        state.Decisions.LastDecision = new Decision(
            "ip:198.51.100.23#1", "ip:198.51.100.23", DecisionKind.Block, DecisionOrigin.Policy, "login-brute-force",
            85, T0, T0.AddMinutes(10), 1);
        state.Decisions.Sequence = 1;
        var row = JsonNode.Parse(JsonSerializer.Serialize(state))!;
        Assert.True(row["Decisions"]!["LastDecision"]!.AsObject().Remove("Shadow"), "the row names Shadow");

        var loaded = JsonSerializer.Deserialize<SubjectState>(row.ToJsonString())!;

        var decision = loaded.Decisions.LastDecision!;
        Assert.False(decision.Shadow);
        Assert.Equal(T0.AddMinutes(10), decision.Expires);
        Assert.True(decision.IsEnforcedAt(T0.AddMinutes(9)));
        Assert.Equal(state.Decisions.LastDecision, decision);
    }
}
