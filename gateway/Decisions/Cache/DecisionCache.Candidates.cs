using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

internal sealed partial class DecisionCache
{
    /// <summary>The best decisions seen so far in one check; a stack value, so the check allocates nothing.</summary>
    private struct Candidates(DateTimeOffset now)
    {
        private Decision? _manualDeny;
        private Decision? _manualAllow;
        private Decision? _policy;
        private Decision? _shadow;

        public void Consider(TargetDecisions decisions)
        {
            if (decisions.Manual is { } manual && manual.IsActiveAt(now))
            {
                if (manual.Kind == DecisionKind.Allow)
                {
                    _manualAllow = Stricter(_manualAllow, manual);
                }
                else
                {
                    _manualDeny = Stricter(_manualDeny, manual);
                }
            }

            if (decisions.Policy is { } policy && policy.IsActiveAt(now) && policy.Kind != DecisionKind.Allow)
            {
                // A shadow decision is what the policy would enforce; it never decides the check.
                if (policy.Shadow)
                {
                    _shadow = Stricter(_shadow, policy);
                }
                else
                {
                    _policy = Stricter(_policy, policy);
                }
            }
        }

        public readonly CheckResult Result()
        {
            if (_manualDeny is not null)
            {
                return new CheckResult(_manualDeny.Kind, _manualDeny, _shadow);
            }

            if (_manualAllow is not null)
            {
                return new CheckResult(DecisionKind.Allow, _manualAllow, _shadow);
            }

            return _policy is null
                ? new CheckResult(DecisionKind.Allow, null, _shadow)
                : new CheckResult(_policy.Kind, _policy, _shadow);
        }

        private static Decision Stricter(Decision? held, Decision candidate)
        {
            if (held is null || candidate.Kind > held.Kind)
            {
                return candidate;
            }

            return candidate.Kind == held.Kind && candidate.Expires > held.Expires ? candidate : held;
        }
    }
}
