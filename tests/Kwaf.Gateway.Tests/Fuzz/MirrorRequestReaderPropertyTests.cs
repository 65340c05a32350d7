using CsCheck;
using Kwaf.Gateway.Mirror;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// The mirror request reader on requests whose headers and target are generated (good, empty, "-", repeated, long,
/// garbage): it never throws, and the draft it builds normalizes to an event that satisfies the invariants or to a
/// rejection with field and reason.
/// </summary>
public sealed class MirrorRequestReaderPropertyTests
{
    private static readonly Gen<string[]> Values = Gen.OneOf(
        EventGen.Text.Select(static v => new[] { v }),
        EventGen.Text.Array[0, 3]);

    private static readonly Gen<DefaultHttpContext> Request = Gen.Select(
        Gen.Select(EventGen.Ip.Array[0, 2], EventGen.Ip.Array[0, 2], Values, EventGen.Method.Array[0, 2]),
        Gen.Select(EventGen.Path.Array[0, 2], Values, Values, Gen.OneOfConst("", "/x", "/.env?a=1", "/%2e%2e/")),
        static (first, second) =>
        {
            var (ips, realIps, users, methods) = first;
            var (uris, hosts, agents, rest) = second;
            var context = new DefaultHttpContext();
            context.Request.Method = "POST";
            context.Request.Path = MirrorEndpoints.Route + rest;
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = MirrorEndpoints.Route + rest;
            var headers = context.Request.Headers;
            headers[MirrorHeaders.ClientIp] = ips;
            headers[MirrorHeaders.RealIp] = realIps;
            headers[MirrorHeaders.User] = users;
            headers[MirrorHeaders.OriginalMethod] = methods;
            headers[MirrorHeaders.OriginalUri] = uris;
            headers[MirrorHeaders.OriginalHost] = hosts;
            headers.UserAgent = agents;
            return context;
        });

    [Fact]
    public Task Read_AnyHeaders_EventOrExplainedRejection() =>
        Fuzz.SampleAsync(Request, static context =>
        {
            var draft = MirrorRequestReader.Read(context.Request, out var ipHeader);
            var named = ipHeader is MirrorHeaders.ClientIp or MirrorHeaders.RealIp;
            return named && Invariants.Normalized(draft, Invariants.StatusOptionalNormalizer, statusOptional: true);
        }, 2000);
}
