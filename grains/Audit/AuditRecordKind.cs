namespace Kwaf.Grains.Audit;

/// <summary>What an audit record tells. The stored and API names are in <see cref="AuditNames"/>.</summary>
internal enum AuditRecordKind
{
    /// <summary>The rating policy made a decision (throttle or block) for a subject.</summary>
    Decision = 0,

    /// <summary>A subject's risk level changed.</summary>
    LevelChange = 1,

    /// <summary>An operator added a manual decision.</summary>
    ManualAdd = 2,

    /// <summary>An operator lifted a decision (manual or policy).</summary>
    Lift = 3,

    /// <summary>
    /// The rating policy made a decision in shadow mode: what kwaf would have enforced, recorded but not enforced.
    /// </summary>
    ShadowDecision = 4,

    /// <summary>
    /// A throttle or block in force for an allowlisted address is not enforced (blocked but allowlisted; block
    /// ignored). Recorded once per decision.
    /// </summary>
    AllowlistIgnored = 5,
}
