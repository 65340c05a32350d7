using Kwaf.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Tests.ClientIp;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>The per-field policy of the normalizer: which fields are cut and marked, which reject the event.</summary>
public sealed class FieldLimitTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly EventNormalizer Normalizer = new(
        new IngestionOptions { MaxForwardedForLength = 64, MaxPathLength = 256 },
        new RequestClassifier(new ClassificationOptions()),
        TestClientIp.NoTrustedProxy);

    [Fact]
    public void TryNormalize_ForwardedChainOverLimit_KeepsWholeRightmostAddresses()
    {
        var draft = Draft();
        var claimed = string.Join(", ", Enumerable.Range(1, 10).Select(i => $"198.51.100.{i}"));
        draft.ForwardedFor = claimed + ", 203.0.113.9, 10.0.0.1";

        Assert.True(Normalizer.TryNormalize(draft, 0, Now, out var evt, out _));

        Assert.True(draft.ForwardedFor!.Length <= 64);
        Assert.EndsWith("198.51.100.10, 203.0.113.9, 10.0.0.1", draft.ForwardedFor, StringComparison.Ordinal);
        Assert.Matches(@"^\d", draft.ForwardedFor);
        Assert.Equal(TruncatedFields.ForwardedFor, draft.Truncated);
        Assert.True(evt.Traits.HasFlag(RequestTraits.TruncatedField));
    }

    [Fact]
    public void TryNormalize_ForwardedChainAtLimit_KeptWholeAndUnmarked()
    {
        var draft = Draft();
        draft.ForwardedFor = new string('1', 64);

        Assert.True(Normalizer.TryNormalize(draft, 0, Now, out var evt, out _));

        Assert.Equal(64, draft.ForwardedFor!.Length);
        Assert.Equal(TruncatedFields.None, draft.Truncated);
        Assert.False(evt.Traits.HasFlag(RequestTraits.TruncatedField));
    }

    [Fact]
    public void TryNormalize_PathOverLimit_CutMarkedAndStillClassified()
    {
        var draft = Draft("/.env?" + new string('x', 400));

        Assert.True(Normalizer.TryNormalize(draft, 0, Now, out var evt, out _));

        Assert.Equal(256, evt.RawTarget.Length);
        Assert.Equal(TruncatedFields.Path, draft.Truncated);
        Assert.True(evt.Traits.HasFlag(RequestTraits.TruncatedField));
        Assert.True(evt.Traits.HasFlag(RequestTraits.SensitivePath));
    }

    [Fact]
    public void TryNormalize_IpOverLimit_RejectsNamingIp()
    {
        var draft = Draft();
        draft.Ip = "203.0.113.5" + new string(' ', EventNormalizer.MaxIpLength);

        Assert.False(Normalizer.TryNormalize(draft, 4, Now, out _, out var rejection));

        Assert.Equal(new Rejection(4, "ip", $"longer than {EventNormalizer.MaxIpLength} characters"), rejection);
    }

    [Fact]
    public void TryNormalize_MethodOverLimit_RejectsNamingMethod()
    {
        var draft = Draft();
        draft.Method = new string('G', 33);

        Assert.False(Normalizer.TryNormalize(draft, 0, Now, out _, out var rejection));

        Assert.Equal("method", rejection.Field);
    }

    private static EventDraft Draft(string target = "/products") => new()
    {
        Ip = "203.0.113.5",
        Method = "GET",
        Target = target,
        Status = 200,
        UserAgent = "Mozilla/5.0",
    };
}
