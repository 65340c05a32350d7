namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// What one map key tells HAProxy, ordered by precedence: when a request matches several (its address, the networks
/// holding it, its user), the highest wins. The order is the decision cache's: the allowlist before everything; a
/// manual throttle or block before a manual allow; a manual allow before any policy decision; block before throttle.
/// Because precedence is a plain maximum, each key can carry the maximum of its own decisions, and HAProxy combines
/// the address and user lookups with a fixed rule order (see docker/haproxy/haproxy.cfg).
/// </summary>
internal enum EdgeVerdict
{
    None = 0,
    Throttle = 1,
    Block = 2,
    Allow = 3,
    ManualThrottle = 4,
    ManualBlock = 5,
    Allowlisted = 6,
}
