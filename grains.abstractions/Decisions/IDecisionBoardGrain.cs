using Orleans.Concurrency;

namespace Kwaf.Decisions;

/// <summary>
/// The source of truth for decisions in force, cluster-wide. One activation (key <see cref="Key"/>). Subject grains
/// publish policy decisions to it; operators add and lift manual ones; decision caches in gateways subscribe to its
/// change feed and poll it to catch up.
/// </summary>
[Alias("kwaf.IDecisionBoardGrain")]
public interface IDecisionBoardGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one board.</summary>
    const long Key = 0;

    /// <summary>Records the policy decision now in force for a target, replacing the previous one.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The board version after the change.</returns>
    /// <remarks>
    /// Interleaves with other calls, so that decisions arriving together share the board's writes.
    /// </remarks>
    [AlwaysInterleave]
    Task<long> PublishPolicyDecisionAsync(Decision decision);

    /// <summary>
    /// Adds a manual decision. It wins over the policy's for its target until it expires or is lifted.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision that was recorded.</returns>
    Task<Decision> AddManualDecisionAsync(ManualDecisionRequest request);

    /// <summary>Lifts a decision (manual or policy) by id.</summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="actor">Who lifted it.</param>
    /// <returns>The lifted decision, or null when no decision has that id.</returns>
    Task<Decision?> LiftAsync(string decisionId, string actor);

    /// <summary>Lists the decisions in force at <paramref name="now"/>.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>The decisions.</returns>
    Task<IReadOnlyList<Decision>> ListActiveAsync(DateTimeOffset now);

    /// <summary>
    /// Returns the changes after <paramref name="sinceVersion"/>, or a snapshot when they are no longer kept.
    /// </summary>
    /// <param name="sinceVersion">The caller's version; -1 asks for a snapshot.</param>
    /// <returns>The feed.</returns>
    Task<DecisionFeed> GetChangesAsync(long sinceVersion);

    /// <summary>Subscribes a cache to pushed changes. Subscriptions expire; callers renew them periodically.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>A task that completes when subscribed.</returns>
    Task SubscribeAsync(IDecisionObserver observer);

    /// <summary>Removes a subscription.</summary>
    /// <param name="observer">The observer reference.</param>
    /// <returns>A task that completes when unsubscribed.</returns>
    Task UnsubscribeAsync(IDecisionObserver observer);
}
