using Kwaf.Subjects;
using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

/// <inheritdoc cref="IUserGrain" />
/// <remarks>State <c>user</c> in storage <c>subjects</c>. A peer is the client IP of an event.</remarks>
internal sealed class UserGrain : SubjectGrain, IUserGrain
{
    public UserGrain(SubjectServices services, ILogger<UserGrain> logger)
        : base(services, logger)
    {
    }

    /// <inheritdoc />
    protected override string StateName => "user";

    /// <inheritdoc />
    protected override SubjectKind Kind => SubjectKind.User;
}
