using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Grains.Audit;

/// <summary>The lowercase names under which audit fields are stored and shown. Stable: stored rows use them.</summary>
internal static class AuditNames
{
    public static string Of(AuditRecordKind kind) => kind switch
    {
        AuditRecordKind.Decision => "decision",
        AuditRecordKind.LevelChange => "level-change",
        AuditRecordKind.ManualAdd => "manual-add",
        AuditRecordKind.Lift => "lift",
        AuditRecordKind.ShadowDecision => "shadow-decision",
        AuditRecordKind.AllowlistIgnored => "allowlist-ignored",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown audit record kind."),
    };

    public static string Of(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "allow",
        DecisionKind.Throttle => "throttle",
        DecisionKind.Block => "block",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown decision kind."),
    };

    public static string Of(DecisionOrigin origin) => origin == DecisionOrigin.Manual ? "manual" : "policy";

    public static string Of(RiskLevel level) => level switch
    {
        RiskLevel.Ok => "ok",
        RiskLevel.Suspicious => "suspicious",
        RiskLevel.High => "high",
        RiskLevel.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown risk level."),
    };

    public static AuditRecordKind ParseKind(string name) => name switch
    {
        "decision" => AuditRecordKind.Decision,
        "level-change" => AuditRecordKind.LevelChange,
        "manual-add" => AuditRecordKind.ManualAdd,
        "lift" => AuditRecordKind.Lift,
        "shadow-decision" => AuditRecordKind.ShadowDecision,
        "allowlist-ignored" => AuditRecordKind.AllowlistIgnored,
        _ => throw new FormatException($"Stored audit record kind '{name}' is unknown."),
    };

    public static DecisionKind? ParseDecision(string? name) => name switch
    {
        null => null,
        "allow" => DecisionKind.Allow,
        "throttle" => DecisionKind.Throttle,
        "block" => DecisionKind.Block,
        _ => throw new FormatException($"Stored decision kind '{name}' is unknown."),
    };

    public static DecisionOrigin? ParseOrigin(string? name) => name switch
    {
        null => null,
        "manual" => DecisionOrigin.Manual,
        "policy" => DecisionOrigin.Policy,
        _ => throw new FormatException($"Stored decision origin '{name}' is unknown."),
    };

    public static RiskLevel? ParseLevel(string? name) => name switch
    {
        null => null,
        "ok" => RiskLevel.Ok,
        "suspicious" => RiskLevel.Suspicious,
        "high" => RiskLevel.High,
        "critical" => RiskLevel.Critical,
        _ => throw new FormatException($"Stored risk level '{name}' is unknown."),
    };
}
