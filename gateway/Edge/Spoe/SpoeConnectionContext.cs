using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>What every SPOE connection shares: options read once, decision sources, counters and the logger.</summary>
internal sealed record SpoeConnectionContext(
    SpoeOptions Options,
    DecisionCache Cache,
    Allowlist Allowlist,
    TimeProvider Time,
    SpoeCounters Counters,
    ILogger Logger);
