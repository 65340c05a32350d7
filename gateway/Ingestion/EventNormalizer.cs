using System.Diagnostics.CodeAnalysis;
using System.Net;
using Kwaf.Events;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Ingestion.Classification;
using Kwaf.Gateway.Ingestion.Paths;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion;

/// <summary>
/// Validates an <see cref="EventDraft"/> and turns it into an <see cref="HttpEvent"/>, or into a
/// <see cref="Rejection"/> naming the field. Rules:
/// <list type="bullet">
/// <item><c>ip</c>: required, canonicalized by <see cref="IpAddressCanonicalizer"/>. It is the peer the reporting
/// proxy saw; <see cref="ClientIpResolver"/> names the client from it and the configured forwarded header. An
/// unattributed event keeps the peer as its IP and carries <see cref="RequestTraits.Unattributed"/>.</item>
/// <item><c>time</c>: absent means now; a time error rejects; a time ahead of now by at most
/// <see cref="IngestionOptions.MaxFutureSkew"/> is clamped to now (callers can count clamps by comparing
/// <see cref="EventDraft.Time"/> with the result); further ahead rejects. Result is UTC.</item>
/// <item><c>status</c>: 100-599, required unless the normalizer was built with <c>statusOptional</c>, in which case
/// absent or 0 gives 0 (a feed of mirrored requests carries no status).</item>
/// <item><c>method</c>: an HTTP token of at most 32 chars, upper-cased; a malformed request line gives
/// <c>INVALID</c> and the MalformedRequest trait instead of a rejection.</item>
/// <item><c>path</c>: required (except for malformed request lines); cut to
/// <see cref="IngestionOptions.MaxPathLength"/> chars, and RawTarget keeps the cut text. For a malformed line
/// without a target, RawTarget is the request line.</item>
/// <item><c>userId</c>: trimmed, empty is null, longer than <see cref="IngestionOptions.MaxUserIdLength"/> rejects
/// (cutting could merge distinct users). User agent, referer and host (lower case, without port) are cut to their
/// limits; the forwarded chain keeps its rightmost addresses within its limit.</item>
/// <item>Cut fields are marked: the event carries <see cref="RequestTraits.TruncatedField"/> and the draft names the
/// fields in <see cref="EventDraft.Truncated"/>, so that callers count them. Client-controlled text is cut rather
/// than rejected, because a rejected event would let a client hide its requests behind one long header.</item>
/// <item><c>ip</c>: longer than <see cref="MaxIpLength"/> characters rejects before any parsing.</item>
/// </list>
/// </summary>
internal sealed partial class EventNormalizer
{
    public const int MaxUserIdLength = 256;
    public const int MaxUserAgentLength = 1024;
    public const int MaxRefererLength = 2048;
    public const int MaxHostLength = 255;
    public const int MaxForwardedForLength = 1024;

    /// <summary>Longer than any spelling of an address (<c>[v6%zone]:port</c> with a long zone name).</summary>
    public const int MaxIpLength = 128;
    public const string InvalidMethod = "INVALID";

    private const int MaxRememberedTargetLength = 512;

    private static readonly NormalizedTarget MalformedTarget = new(null, "/", null, RequestTraits.None);

    private readonly TimeSpan _maxFutureSkew;
    private readonly PathProfile _pathProfile;
    private readonly RequestClassifier _classifier;
    private readonly ClientIpResolver _clientIp;
    private readonly bool _statusOptional;
    private readonly IngestionOptions _limits;

    // Addresses parsed lately, with their keys: a busy site's clients come back many times a minute.
    private readonly RecentMemo<(IPAddress Address, string Key)> _peers = new(16_384, MaxIpLength);

    // Normalized targets by raw target: a site's targets repeat, and each normalization makes a path, a query and
    // the result. Only the raw target and this normalizer's path profile decide the result, so it can be shared.
    private readonly RecentMemo<NormalizedTarget> _targets = new(16_384, MaxRememberedTargetLength);

    /// <param name="options">Skew bound and path profile, read once here.</param>
    /// <param name="classifier">Finds attack and context traits.</param>
    /// <param name="clientIp">Names the client from the peer and the forwarded header.</param>
    /// <param name="statusOptional">True when the feed carries no status, so that absent or 0 is accepted as 0.</param>
    public EventNormalizer(
        IngestionOptions options,
        RequestClassifier classifier,
        ClientIpResolver clientIp,
        bool statusOptional = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(clientIp);
        _maxFutureSkew = options.MaxFutureSkew;
        _pathProfile = options.PathProfile;
        _classifier = classifier;
        _clientIp = clientIp;
        _statusOptional = statusOptional;
        _limits = options;
    }

    public bool TryNormalize(
        EventDraft draft,
        long position,
        DateTimeOffset now,
        [NotNullWhen(true)] out HttpEvent? result,
        [NotNullWhen(false)] out Rejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(draft);
        result = null;
        rejection = Validate(draft, now, out var fields) is { } failure
            ? new Rejection(position, failure.Field, failure.Reason)
            : null;
        if (rejection is not null)
        {
            return false;
        }

        result = Build(draft, fields);
        return true;
    }

    private (string Field, string Reason)? Validate(EventDraft draft, DateTimeOffset now, out CheckedFields fields)
    {
        fields = default;
        var chainCut = TruncatedFields.None;
        draft.ForwardedFor = LimitChain(draft.ForwardedFor, _limits.MaxForwardedForLength, ref chainCut);
        draft.Forwarded = LimitChain(draft.Forwarded, _limits.MaxForwardedForLength, ref chainCut);
        draft.RealIp = LimitChain(draft.RealIp, _limits.MaxForwardedForLength, ref chainCut);
        draft.Truncated = chainCut;
        if (draft.Ip?.Length > MaxIpLength)
        {
            return ("ip", $"longer than {MaxIpLength} characters");
        }

        IPAddress? peer = null;
        string? canonicalPeer;
        if (_clientIp.TryResolveUnparsed(draft.Ip, out var unparsed))
        {
            canonicalPeer = draft.Ip;
        }
        else if (!TryParsePeer(draft.Ip, out peer, out canonicalPeer, out var ipReason))
        {
            return ("ip", ipReason);
        }

        var timeFailure = CheckTime(draft, now, out var time);
        var statusFailure = CheckStatus(draft, out var status);
        var userIdFailure = CheckUserId(draft.UserId, out var userId);
        if ((timeFailure ?? statusFailure ?? CheckSizes(draft) ?? userIdFailure) is { } failure)
        {
            return failure;
        }

        var requestFailure = CheckRequest(draft, out var method, out var rawTarget, out var shape, out var pathCut);
        if (requestFailure is not null)
        {
            return requestFailure;
        }

        var client = peer is null ? unparsed : _clientIp.Resolve(peer, canonicalPeer, _clientIp.HeaderOf(draft));
        fields = new CheckedFields(
            client.ClientIp ?? canonicalPeer,
            client.IsUnattributed,
            time,
            status,
            userId,
            method,
            rawTarget,
            shape,
            pathCut);
        return null;
    }

    private bool TryParsePeer(
        string? text,
        [NotNullWhen(true)] out IPAddress? peer,
        [NotNullWhen(true)] out string? key,
        [NotNullWhen(false)] out string? reason)
    {
        if (text is null)
        {
            (peer, key, reason) = (null, null, "missing");
            return false;
        }

        if (_peers.TryGet(text, out var known))
        {
            (peer, key, reason) = (known.Address, known.Key, null);
            return true;
        }

        if (!IpAddressCanonicalizer.TryParse(text, out peer, out key, out reason))
        {
            return false;
        }

        _peers.Remember(text, (peer, key));
        return true;
    }

    private HttpEvent Build(EventDraft draft, CheckedFields fields)
    {
        var target = fields.Shape == RequestLineShape.Malformed && draft.Target is null
            ? MalformedTarget
            : NormalizeTarget(fields.RawTarget);
        var cut = draft.Truncated | (fields.PathCut ? TruncatedFields.Path : TruncatedFields.None);
        var userAgent = Limit(draft.UserAgent, _limits.MaxUserAgentLength, TruncatedFields.UserAgent, ref cut);
        var host = Limit(
            draft.Host is null ? target.Host : TargetAuthority.HostOf(draft.Host),
            _limits.MaxHostLength,
            TruncatedFields.Host,
            ref cut);
        var referer = Limit(draft.Referer, _limits.MaxRefererLength, TruncatedFields.Referer, ref cut);
        draft.Truncated = cut;
        var traits = target.Traits
            | _classifier.Classify(fields.RawTarget, target.Path, target.Query, userAgent)
            | ShapeTraits(fields.Shape)
            | (EndpointTemplate.IsStaticAsset(target.Path) ? RequestTraits.StaticAsset : RequestTraits.None)
            | (draft.InvalidEncoding ? RequestTraits.InvalidEncoding : RequestTraits.None)
            | (fields.Unattributed ? RequestTraits.Unattributed : RequestTraits.None)
            | (cut == TruncatedFields.None ? RequestTraits.None : RequestTraits.TruncatedField);
        return new HttpEvent(
            fields.Time,
            fields.Ip,
            fields.UserId,
            fields.Method,
            host,
            target.Path,
            target.Query,
            fields.RawTarget,
            EndpointTemplate.Build(fields.Method, target.Path),
            fields.Status,
            draft.Bytes,
            draft.DurationMs,
            userAgent,
            referer,
            traits);
    }

    private NormalizedTarget NormalizeTarget(string rawTarget)
    {
        if (_targets.TryGet(rawTarget, out var known))
        {
            return known;
        }

        var target = PathNormalizer.Normalize(rawTarget, _pathProfile);
        _targets.Remember(rawTarget, target);
        return target;
    }
}
