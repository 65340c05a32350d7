using Kwaf.Subjects;
using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

/// <inheritdoc cref="IClientIpGrain" />
/// <remarks>State <c>clientIp</c> in storage <c>subjects</c>. A peer is the user id of an event.</remarks>
internal sealed class ClientIpGrain : SubjectGrain, IClientIpGrain
{
    public ClientIpGrain(SubjectServices services, ILogger<ClientIpGrain> logger)
        : base(services, logger)
    {
    }

    /// <inheritdoc />
    protected override string StateName => "clientIp";

    /// <inheritdoc />
    protected override SubjectKind Kind => SubjectKind.Ip;
}
