using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Makes references to subject grains. Orleans' <c>GetGrain&lt;T&gt;(string)</c> works out the grain interface type
/// from the interface's attributes and name on every call, which on the ingestion path cost more than the grain call
/// it addressed; here that is done once per kind and each reference is built from the key alone.
/// </summary>
internal sealed class SubjectGrains
{
    private readonly Func<SubjectKind, string, ISubjectGrain> _resolve;

    public SubjectGrains(IGrainFactory grains)
    {
        var ip = new Lazy<GrainTypes>(
            () => TypesOf(grains.GetGrain<IClientIpGrain>(SubjectKey.ForIp("0.0.0.0").ToGrainKey())));
        var user = new Lazy<GrainTypes>(
            () => TypesOf(grains.GetGrain<IUserGrain>(SubjectKey.ForUser("-").ToGrainKey())));
        _resolve = (kind, grainKey) =>
        {
            var types = kind == SubjectKind.Ip ? ip.Value : user.Value;
            return (ISubjectGrain)grains.GetGrain(GrainId.Create(types.Grain, grainKey), types.Interface);
        };
    }

    /// <summary>Grains from <paramref name="resolve"/>: for tests of the code that calls them.</summary>
    internal SubjectGrains(Func<SubjectKind, string, ISubjectGrain> resolve) => _resolve = resolve;

    /// <summary>The grain of a subject whose grain key is already at hand.</summary>
    /// <param name="kind">The subject's kind.</param>
    /// <param name="grainKey">Its grain key, from <see cref="SubjectKey.ToGrainKey"/>.</param>
    /// <returns>A reference to its grain: an <see cref="IClientIpGrain"/> or an <see cref="IUserGrain"/>.</returns>
    public ISubjectGrain Of(SubjectKind kind, string grainKey) => _resolve(kind, grainKey);

    /// <summary>The grain of a client IP (or network) subject.</summary>
    public IClientIpGrain OfIp(string subjectIp) =>
        (IClientIpGrain)Of(SubjectKind.Ip, SubjectKey.ForIp(subjectIp).ToGrainKey());

    /// <summary>The grain of a user subject.</summary>
    public IUserGrain OfUser(string userId) =>
        (IUserGrain)Of(SubjectKind.User, SubjectKey.ForUser(userId).ToGrainKey());

    private static GrainTypes TypesOf(IAddressable grain)
    {
        var reference = (GrainReference)grain;
        return new GrainTypes(reference.GrainId.Type, reference.InterfaceType);
    }

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);
}
