namespace Kwaf.Decisions;

/// <summary>What a proxy should do with a subject's requests. Ordered from mildest to strictest.</summary>
public enum DecisionKind
{
    /// <summary>Serve the request.</summary>
    Allow = 0,

    /// <summary>Answer 429 (the proxy maps the check's 403 with this decision to 429).</summary>
    Throttle = 1,

    /// <summary>Answer 403.</summary>
    Block = 2,
}
