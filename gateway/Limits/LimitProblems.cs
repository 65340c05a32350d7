using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Limits;

/// <summary>The problem details (RFC 7807) of a request refused whole for a limit.</summary>
internal static class LimitProblems
{
    /// <param name="status">413 for a body or batch, 414 for a request line, 431 for headers.</param>
    /// <param name="field">What was too large (<c>body</c>, <c>events</c>).</param>
    /// <param name="reason">The limit, in words, without the refused content.</param>
    /// <param name="setting">The configuration key that sets the limit.</param>
    public static ProblemHttpResult TooLarge(int status, string field, string reason, string setting) =>
        TypedResults.Problem(
            statusCode: status,
            title: $"'{field}' is over a limit",
            detail: $"{field}: {reason} ({setting}); nothing in the request was taken.",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = field,
                ["reason"] = reason,
                ["setting"] = setting,
            });
}
