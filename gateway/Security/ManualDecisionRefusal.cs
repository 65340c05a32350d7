namespace Kwaf.Gateway.Security;

/// <summary>
/// Why a manual block or throttle is refused unless forced: the request field, the reason, and the rule
/// (<see cref="TrustedProxy"/>, <see cref="OwnAddress"/> or <see cref="VeryWideNetwork"/>) that a forced decision's
/// audit record names.
/// </summary>
internal sealed record ManualDecisionRefusal(string Field, string Reason, string Rule)
{
    public const string TrustedProxy = "trusted-proxy";
    public const string OwnAddress = "own-address";
    public const string VeryWideNetwork = "very-wide-network";
}
