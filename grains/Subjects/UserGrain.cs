using Kwaf.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <inheritdoc cref="IUserGrain" />
/// <remarks>State <c>user</c> in storage <c>subjects</c>. A peer is the client IP of an event.</remarks>
internal sealed class UserGrain : SubjectGrain, IUserGrain
{
    public UserGrain(
        [PersistentState("user", "subjects")] IPersistentState<SubjectState> state,
        SubjectPolicy policy,
        IOptions<PersistenceOptions> persistenceOptions,
        ILogger<UserGrain> logger)
        : base(state, policy, persistenceOptions, logger)
    {
    }

    /// <inheritdoc />
    protected override SubjectKind Kind => SubjectKind.User;
}
