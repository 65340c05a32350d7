using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Pipeline;

namespace Kwaf.Gateway.Ratings;

/// <summary>
/// Reads subjects for the API: the grain's rating, decayed to now, with the decision the cache enforces for it
/// (a manual decision wins over the policy's) and the allowlist applied.
/// </summary>
internal sealed class SubjectLookup(
    SubjectGrains grains,
    DecisionCache cache,
    Allowlist allowlist,
    SubjectRouting routing,
    TimeProvider time)
{
    public async Task<SubjectView?> FindIpAsync(string canonicalIp)
    {
        var subjectIp = routing.SubjectIpOf(canonicalIp);
        var now = time.GetUtcNow();
        var rating = await grains.OfIp(subjectIp).GetRatingAsync(now);
        if (rating is null)
        {
            return null;
        }

        // A network subject (an IPv6 prefix, a folded aggregate) is enforced by the decisions on networks that
        // hold it, its own among them: ask for its base address.
        var slash = canonicalIp.IndexOf('/', StringComparison.Ordinal);
        var enforced = cache.Check(slash < 0 ? canonicalIp : canonicalIp[..slash], null, now);
        return SubjectView.From(rating, enforced.Decision, allowlist.Contains(canonicalIp), enforced.Shadow);
    }

    public async Task<SubjectView?> FindUserAsync(string userId)
    {
        var now = time.GetUtcNow();
        var rating = await grains.OfUser(userId).GetRatingAsync(now);
        if (rating is null)
        {
            return null;
        }

        var enforced = cache.Check(null, userId, now);
        return SubjectView.From(rating, enforced.Decision, allowlisted: false, enforced.Shadow);
    }

    public Task<SubjectView?> FindAsync(string kind, string id) =>
        kind == "user" ? FindUserAsync(id) : FindIpAsync(id);
}
