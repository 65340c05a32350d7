using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>
/// The cache lifetime every check answer gives a proxy (<see cref="DecisionCacheOptions.ProxyCacheLifetime"/>), as
/// header values built once, not on every check.
/// </summary>
internal sealed class ProxyCacheHeaders
{
    public ProxyCacheHeaders(IOptions<DecisionCacheOptions> options)
    {
        var seconds = (long)options.Value.ProxyCacheLifetime.TotalSeconds;
        AccelExpires = seconds.ToString(CultureInfo.InvariantCulture);
        CacheControl = seconds == 0 ? "no-store" : $"private, max-age={AccelExpires}";
    }

    /// <summary>The value of X-Accel-Expires: whole seconds.</summary>
    public StringValues AccelExpires { get; }

    /// <summary>The value of Cache-Control: private to the client, for the same lifetime.</summary>
    public StringValues CacheControl { get; }
}
