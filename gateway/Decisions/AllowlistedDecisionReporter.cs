using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Grains.Audit;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// Records each throttle or block in force for an allowlisted address, which the checks ignore (C-14: "blocked but
/// allowlisted; block ignored"): once per decision, in the application log and, where this process hosts the audit
/// log (embedded mode), in the audit log as <c>allowlist-ignored</c>. It looks when the decision cache changes and
/// when the allowlist is reloaded, off the path of checks and ingestion.
/// </summary>
/// <remarks>
/// Only decisions on single addresses are reported; a network decision that contains an allowlisted address is
/// ignored for that address alike but not reported. A client-mode gateway has no audit log of its own and reports in
/// its application log only. Concurrency: scans may run at once on the cache's writer thread and on a reload; the
/// set of reported ids is guarded by <c>_lock</c>, and holds only ids still in force after each scan.
/// </remarks>
internal sealed partial class AllowlistedDecisionReporter(
    DecisionCache cache,
    Allowlist allowlist,
    TimeProvider time,
    IServiceProvider services,
    ILogger<AllowlistedDecisionReporter> logger) : IHostedService
{
    /// <summary>The cause written to the audit record.</summary>
    public const string Cause = "blocked but allowlisted; block ignored";

    private const string IpTargetPrefix = "ip:";

    private readonly Lock _lock = new();
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private IAuditSink? _audit;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _audit = services.GetService<IAuditSink>();
        cache.Changed += OnChanged;
        allowlist.Changed += OnChanged;
        Scan();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cache.Changed -= OnChanged;
        allowlist.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, EventArgs e) => Scan();

    private void Scan()
    {
        if (allowlist.IsEmpty)
        {
            return;
        }

        var now = time.GetUtcNow();
        var active = cache.Active(now);
        lock (_lock)
        {
            _reported.IntersectWith(active.Select(static decision => decision.Id));
            foreach (var decision in active)
            {
                if (IsIgnored(decision) && _reported.Add(decision.Id))
                {
                    Report(decision, now);
                }
            }
        }
    }

    private bool IsIgnored(Decision decision) =>
        decision.Kind != DecisionKind.Allow
        && !decision.Shadow
        && decision.Target.StartsWith(IpTargetPrefix, StringComparison.Ordinal)
        && allowlist.Contains(decision.Target[IpTargetPrefix.Length..]);

    private void Report(Decision decision, DateTimeOffset now)
    {
        Log.AllowlistIgnored(logger, decision.Kind);
        Log.AllowlistIgnoredDetail(logger, decision.Id, decision.Kind);
        _audit?.RecordAllowlistIgnored(decision, Cause, now);
    }
}
