using Kwaf.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <inheritdoc cref="IClientIpGrain" />
/// <remarks>State <c>clientIp</c> in storage <c>subjects</c>. A peer is the user id of an event.</remarks>
internal sealed class ClientIpGrain : SubjectGrain, IClientIpGrain
{
    public ClientIpGrain(
        [PersistentState("clientIp", "subjects")] IPersistentState<SubjectState> state,
        SubjectPolicy policy,
        IOptions<PersistenceOptions> persistenceOptions,
        ILogger<ClientIpGrain> logger)
        : base(state, policy, persistenceOptions, logger)
    {
    }

    /// <inheritdoc />
    protected override SubjectKind Kind => SubjectKind.Ip;
}
