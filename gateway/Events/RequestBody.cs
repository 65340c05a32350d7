using Microsoft.AspNetCore.Http.Features;

namespace Kwaf.Gateway.Events;

/// <summary>Reads a whole request body up to a size limit.</summary>
internal static class RequestBody
{
    /// <summary>
    /// Reads the body into a buffer rented from the shared pool, which the caller returns by disposing it; null when
    /// the body is longer than <paramref name="maxBytes"/>.
    /// </summary>
    /// <remarks>
    /// The server's own body limit is raised to one byte past <paramref name="maxBytes"/>, so that this limit, which
    /// answers a problem detail naming its setting, is always the one that applies. The buffer is rented because a
    /// batch of events is a few hundred kilobytes: a new array for each would land in the large object heap, whose
    /// allocations bring on full collections of a heap that holds every active subject.
    /// </remarks>
    public static async ValueTask<RentedBody?> ReadAsync(
        HttpRequest request,
        int maxBytes,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = RentedBody.CopyOf(result.Buffer);
                reader.AdvanceTo(result.Buffer.End);
                return body;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public static bool IsNdjson(HttpRequest request) =>
        request.ContentType is { } type
        && (type.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/ndjson", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase));
}
