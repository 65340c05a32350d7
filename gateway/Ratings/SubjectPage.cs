namespace Kwaf.Gateway.Ratings;

/// <summary>One page of subjects, riskiest first; <paramref name="Next"/> is the cursor of the next page.</summary>
internal sealed record SubjectPage(IReadOnlyList<SubjectView> Items, string? Next);
