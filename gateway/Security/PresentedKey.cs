using System.Text;
using Microsoft.Net.Http.Headers;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Where a client puts its API key: <c>X-Kwaf-Key: &lt;key&gt;</c>, <c>Authorization: Bearer &lt;key&gt;</c>, or
/// the password of <c>Authorization: Basic</c> (for browsers, on the dashboard; the user name is ignored). X-Kwaf-Key
/// wins when both are sent. Endpoints marked with <see cref="ForwardedAuthorizationMetadata"/> read X-Kwaf-Key only:
/// their Authorization header belongs to the request they describe.
/// </summary>
internal static class PresentedKey
{
    public const string Header = "X-Kwaf-Key";

    /// <summary>
    /// The key the request carries; empty when it carries none. An Authorization header of another scheme, or a
    /// Basic one that does not decode, carries none.
    /// </summary>
    public static string Read(HttpRequest request)
    {
        var kwafHeader = request.Headers[Header];
        if (kwafHeader.Count > 0)
        {
            return kwafHeader.ToString().Trim();
        }

        if (request.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ForwardedAuthorizationMetadata>() is not null)
        {
            return string.Empty;
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString().AsSpan().Trim();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim().ToString();
        }

        return authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? BasicPassword(authorization[6..].Trim())
            : string.Empty;
    }

    private static string BasicPassword(ReadOnlySpan<char> encoded)
    {
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            return string.Empty;
        }

        var credentials = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? string.Empty : credentials[(colon + 1)..];
    }
}
