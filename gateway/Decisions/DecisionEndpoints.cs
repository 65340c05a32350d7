using System.Net.Sockets;
using System.Text.Json;
using Kwaf.Decisions;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Security;
using Kwaf.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// Manual decisions: POST /decisions bans (or allows, or throttles) an IP, a network or a user for a while; DELETE
/// /decisions/{id} lifts any decision; GET /decisions lists the decisions in force. Changes reach every decision
/// cache through the decision board's feed.
/// </summary>
internal static partial class DecisionEndpoints
{
    private const long MaxDurationSeconds = 365L * 24 * 3600;

    public static IEndpointRouteBuilder MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/decisions", ListAsync)
            .RequireAuthorization(KwafRoles.ReadPolicy)
            .WithName("ListDecisions")
            .WithSummary("The decisions in force.");
        app.MapPost("/decisions", AddAsync)
            .RequireAuthorization(KwafRoles.AdminPolicy)
            .WithName("AddDecision")
            .WithSummary("Add a manual decision.")
            .Accepts<ManualDecisionBody>("application/json");
        app.MapDelete("/decisions/{id}", LiftAsync)
            .RequireAuthorization(KwafRoles.AdminPolicy)
            .WithName("LiftDecision")
            .WithSummary("Lift a decision by id.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<Decision>>> ListAsync(IGrainFactory grains, TimeProvider time) =>
        TypedResults.Ok(await Board(grains).ListActiveAsync(time.GetUtcNow()));

    private static async Task<Results<Created<Decision>, ProblemHttpResult>> AddAsync(
        HttpRequest request,
        IGrainFactory grains,
        ManualDecisionGuard guard,
        ILogger<ManualDecisionBody> logger,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return Problems.InvalidParameter("body", "must be a JSON object with ip, cidr or userId, kind, "
                + "durationSeconds and reason");
        }

        if (!TryReadTarget(body, out var target, out var problem))
        {
            return problem;
        }

        if (!TryReadKind(body.Kind, out var kind))
        {
            return Problems.InvalidParameter("kind", "must be 'block', 'throttle' or 'allow'");
        }

        var refusal = kind == DecisionKind.Allow ? null : Refusal(target, guard);
        if (refusal is not null && !body.Force)
        {
            return Refused(refusal);
        }

        if (body.DurationSeconds is not { } seconds || seconds < 1 || seconds > MaxDurationSeconds)
        {
            return Problems.InvalidParameter("durationSeconds", $"must be between 1 and {MaxDurationSeconds}");
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 512)
        {
            return Problems.InvalidParameter("reason", "must be given, at most 512 characters");
        }

        var actor = Actor(request.HttpContext);
        var reason = body.Reason.Trim();
        if (refusal is not null)
        {
            LogForced(logger, refusal, actor, target, kind);
            reason = $"[forced over {refusal.Rule}] {reason}";
        }

        var manual = new ManualDecisionRequest(target, kind, TimeSpan.FromSeconds(seconds), reason, actor);
        var decision = await Board(grains).AddManualDecisionAsync(manual);
        return TypedResults.Created($"/decisions/{Uri.EscapeDataString(decision.Id)}", decision);
    }

    private static async Task<Results<Ok<Decision>, ProblemHttpResult>> LiftAsync(
        string id,
        HttpContext context,
        IGrainFactory grains)
    {
        var lifted = await Board(grains).LiftAsync(id, Actor(context));
        return lifted is null
            ? Problems.NotFound("Unknown decision", $"No decision has the id '{id}'.")
            : TypedResults.Ok(lifted);
    }

    /// <summary>The audit log's actor: the API key's name, or <c>loopback</c> for a loopback client without one.
    /// </summary>
    private static string Actor(HttpContext context) => context.User.Identity?.Name ?? "anonymous";

    /// <summary>Why a block or throttle of <paramref name="target"/> needs <c>force</c>; null when it does not.
    /// </summary>
    private static ManualDecisionRefusal? Refusal(string target, ManualDecisionGuard guard) => IsVeryWide(target)
        ? new ManualDecisionRefusal(
            "cidr",
            $"{target[5..]} covers a very large share of all addresses; send \"force\": true to confirm",
            ManualDecisionRefusal.VeryWideNetwork)
        : guard.Check(target);

    /// <summary>
    /// A very wide network is a bad request (400); a trusted proxy or kwaf's own address conflicts with the
    /// configuration or the host (409).
    /// </summary>
    private static ProblemHttpResult Refused(ManualDecisionRefusal refusal) =>
        refusal.Rule == ManualDecisionRefusal.VeryWideNetwork
            ? Problems.InvalidParameter(refusal.Field, refusal.Reason)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: $"Refused parameter '{refusal.Field}'",
                detail: $"{refusal.Field}: {refusal.Reason}",
                extensions: new Dictionary<string, object?>
                {
                    ["parameter"] = refusal.Field,
                    ["reason"] = refusal.Reason,
                    ["rule"] = refusal.Rule,
                });

    private static void LogForced(
        ILogger logger,
        ManualDecisionRefusal refusal,
        string actor,
        string target,
        DecisionKind kind)
    {
        if (refusal.Rule == ManualDecisionRefusal.VeryWideNetwork)
        {
            Log.WideDecisionForced(logger, target, kind);
        }
        else
        {
            Log.GuardedDecisionForced(logger, kind, target, refusal.Rule, actor);
        }
    }

    /// <summary>
    /// A network of more than a /8 of IPv4 or a /32 of IPv6: banning it by mistake would lock out a large part of
    /// the world, so it takes an explicit <c>force</c>.
    /// </summary>
    private static bool IsVeryWide(string target) =>
        target.StartsWith("cidr:", StringComparison.Ordinal)
        && IpAddressCanonicalizer.TryParseCidr(target.AsSpan(5), out var network, out _)
        && network.PrefixLength < (network.Network.AddressFamily == AddressFamily.InterNetwork ? 8 : 32);

    private static async Task<ManualDecisionBody?> ReadBodyAsync(HttpRequest request, CancellationToken token)
    {
        try
        {
            var options = request.HttpContext.RequestServices
                .GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return await request.ReadFromJsonAsync<ManualDecisionBody>(options, token);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static IDecisionBoardGrain Board(IGrainFactory grains) =>
        grains.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);

    private static bool TryReadTarget(ManualDecisionBody body, out string target, out ProblemHttpResult problem)
    {
        target = string.Empty;
        problem = null!;
        var given = (body.Ip is null ? 0 : 1) + (body.Cidr is null ? 0 : 1) + (body.UserId is null ? 0 : 1);
        if (given != 1)
        {
            problem = Problems.InvalidParameter("ip", "give exactly one of ip, cidr and userId");
            return false;
        }

        if (body.Ip is not null)
        {
            if (!IpAddressCanonicalizer.TryCanonicalize(body.Ip, out var ip, out var reason))
            {
                problem = Problems.InvalidParameter("ip", reason);
                return false;
            }

            target = SubjectKey.ForIp(ip).ToGrainKey();
            return true;
        }

        if (body.Cidr is not null)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(body.Cidr, out var network, out var reason))
            {
                problem = Problems.InvalidParameter("cidr", reason ?? "not a network");
                return false;
            }

            target = "cidr:" + network;
            return true;
        }

        var userId = body.UserId!.Trim();
        if (userId.Length == 0 || userId == "-" || userId.Length > 256)
        {
            problem = Problems.InvalidParameter("userId", "must be 1 to 256 characters and not '-'");
            return false;
        }

        target = SubjectKey.ForUser(userId).ToGrainKey();
        return true;
    }

    private static bool TryReadKind(string? text, out DecisionKind kind)
    {
        kind = text?.ToLowerInvariant() switch
        {
            "block" => DecisionKind.Block,
            "throttle" => DecisionKind.Throttle,
            "allow" => DecisionKind.Allow,
            _ => (DecisionKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, EventName = "WideDecisionForced", Level = LogLevel.Warning,
            Message = "A manual {Kind} of the very wide network {Target} was forced")]
        public static partial void WideDecisionForced(ILogger logger, string target, DecisionKind kind);

        // Event ids 5300-5319: who may talk to kwaf, and the manual decisions it refuses unless forced.
        [LoggerMessage(EventId = 5303, EventName = "GuardedDecisionForced", Level = LogLevel.Warning,
            Message = "A manual {Kind} of {Target} was forced over the {Rule} rule by API key {Actor}")]
        public static partial void GuardedDecisionForced(
            ILogger logger,
            DecisionKind kind,
            string target,
            string rule,
            string actor);
    }
}
