using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions;

/// <summary>What a proxy is told about one request's client.</summary>
/// <param name="Kind">Allow, throttle or block.</param>
/// <param name="Score">The rounded score of the decision that applies (0 when none does).</param>
/// <param name="RetryAfterSeconds">Seconds until a throttle or block ends, at least 1; 0 when allowed.</param>
/// <param name="ShadowKind">
/// What a shadow decision in force would have answered (throttle or block), or allow when none is in force.
/// </param>
internal readonly record struct ClientVerdict(
    DecisionKind Kind,
    int Score,
    long RetryAfterSeconds,
    DecisionKind ShadowKind = DecisionKind.Allow)
{
    /// <summary>The client may be served and no decision applies.</summary>
    public static ClientVerdict Allowed => new(DecisionKind.Allow, 0, 0);

    /// <summary>The name proxies match on: allow, throttle or block.</summary>
    public string KindName => NameOf(Kind);

    /// <summary>The name of <see cref="ShadowKind"/>.</summary>
    public string ShadowKindName => NameOf(ShadowKind);

    private static string NameOf(DecisionKind kind) => kind switch
    {
        DecisionKind.Block => "block",
        DecisionKind.Throttle => "throttle",
        _ => "allow",
    };
}
