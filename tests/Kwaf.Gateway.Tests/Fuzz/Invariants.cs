using Kwaf.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Ingestion.Text;
using Kwaf.Gateway.Tests.ClientIp;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>What every accepted event and every rejection must satisfy, whatever the input was.</summary>
internal static class Invariants
{
    /// <summary>Limits below the defaults, so that generated text crosses them often.</summary>
    public static readonly IngestionOptions Limits = new()
    {
        MaxUserIdLength = 64,
        MaxPathLength = 512,
        MaxHostLength = 64,
        MaxUserAgentLength = 200,
        MaxRefererLength = 300,
        MaxForwardedForLength = 128,
    };

    public static readonly EventNormalizer Normalizer =
        new(Limits, new RequestClassifier(new ClassificationOptions()), TestClientIp.NoTrustedProxy);

    public static readonly EventNormalizer StatusOptionalNormalizer =
        new(
            Limits,
            new RequestClassifier(new ClassificationOptions()),
            TestClientIp.NoTrustedProxy,
            statusOptional: true);

    /// <summary>Normalizes a draft and checks the outcome; true when the invariants hold.</summary>
    public static bool Normalized(EventDraft draft, EventNormalizer normalizer, bool statusOptional = false)
    {
        var ok = normalizer.TryNormalize(draft, 0, EventGen.Now, out var evt, out var rejection);
        return ok ? Holds(evt!, draft, statusOptional) : Explains(rejection);
    }

    /// <summary>A rejection names a field and gives a reason.</summary>
    public static bool Explains(Rejection? rejection) =>
        rejection is not null
        && !string.IsNullOrWhiteSpace(rejection.Field)
        && !string.IsNullOrWhiteSpace(rejection.Reason);

    /// <summary>An accepted event: canonical key, rooted path, fields within their limits, consistent marks.</summary>
    /// <returns>True; a broken invariant fails with a message naming it.</returns>
    public static bool Holds(HttpEvent evt, EventDraft draft, bool statusOptional = false)
    {
        var canonical = IpAddressCanonicalizer.TryCanonicalize(evt.Ip, out var again, out _) && again == evt.Ip;
        Assert.True(canonical, $"ip key '{evt.Ip}' is not canonical");
        Assert.True(evt.Path.StartsWith('/'), $"path '{evt.Path}' is not rooted");
        Assert.True(evt.RawTarget.Length <= Limits.MaxPathLength, $"raw target of {evt.RawTarget.Length} chars");
        Assert.True((evt.UserId?.Length ?? 0) <= Limits.MaxUserIdLength, "user id over its limit");
        Assert.True((evt.UserAgent?.Length ?? 0) <= Limits.MaxUserAgentLength, "user agent over its limit");
        Assert.True((evt.Referer?.Length ?? 0) <= Limits.MaxRefererLength, "referer over its limit");
        Assert.True((evt.Host?.Length ?? 0) <= Limits.MaxHostLength, "host over its limit");
        Assert.True((draft.ForwardedFor?.Length ?? 0) <= Limits.MaxForwardedForLength, "chain over its limit");
        var method = evt.Method == EventNormalizer.InvalidMethod
            || (HttpToken.IsMethod(evt.Method) && evt.Method == evt.Method.ToUpperInvariant());
        Assert.True(method, $"method '{evt.Method}'");
        Assert.True(evt.Status is >= 100 and <= 599 || (statusOptional && evt.Status == 0), $"status {evt.Status}");
        Assert.True(evt.Time <= EventGen.Now && evt.Time.Offset == TimeSpan.Zero, $"time {evt.Time:O}");
        var marked = (draft.Truncated != TruncatedFields.None) == evt.Traits.HasFlag(RequestTraits.TruncatedField);
        Assert.True(marked, $"cut fields {draft.Truncated} but traits {evt.Traits}");
        Assert.False(string.IsNullOrEmpty(evt.Endpoint), "no endpoint");
        return true;
    }
}
