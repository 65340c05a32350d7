using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Api;

/// <summary>The problem details (RFC 7807) the API answers with for bad requests.</summary>
internal static class Problems
{
    public static ProblemHttpResult InvalidParameter(string parameter, string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid parameter '{parameter}'",
        detail: $"{parameter}: {reason}",
        extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["reason"] = reason });

    public static ProblemHttpResult NotFound(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: title,
        detail: detail);
}
