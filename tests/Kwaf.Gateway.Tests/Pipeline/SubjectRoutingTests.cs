using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Subjects;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// The order of an event's subjects is part of the routing's contract: the client's own subject comes first, so that
/// replay can tell it from the network rated beside it.
/// </summary>
public sealed class SubjectRoutingTests
{
    private readonly SubjectRouting _routing = new(Options.Create(new PipelineOptions { RateIpv6Networks = true }));

    [Fact]
    public void SubjectsOf_Ipv6ClientWithUser_PutsTheClientFirstThenItsNetworkThenTheUser()
    {
        Assert.Equal(
            [SubjectKey.ForIp("2001:db8:7:1::2"), SubjectKey.ForIp("2001:db8:7:1::/64"), SubjectKey.ForUser("u-1")],
            SubjectsOf(Event("2001:db8:7:1::2", "u-1")));
    }

    [Fact]
    public void SubjectsOf_Ipv4ClientWithUser_PutsTheClientFirst()
    {
        Assert.Equal(
            [SubjectKey.ForIp("198.51.100.4"), SubjectKey.ForUser("u-1")],
            SubjectsOf(Event("198.51.100.4", "u-1")));
    }

    [Fact]
    public void SubjectsOf_UnattributedEventWithUser_NamesTheUserOnly()
    {
        Assert.Equal(
            [SubjectKey.ForUser("u-1")],
            SubjectsOf(Event("10.0.0.1", "u-1", RequestTraits.Unattributed)));
    }

    private SubjectKey[] SubjectsOf(HttpEvent evt)
    {
        var keys = new SubjectKey[SubjectRouting.MaxSubjectsPerEvent];
        return keys[.._routing.SubjectsOf(evt, keys)];
    }

    private static HttpEvent Event(string ip, string? userId, RequestTraits traits = RequestTraits.None) => new(
        DateTimeOffset.UnixEpoch,
        ip,
        userId,
        "GET",
        null,
        "/",
        null,
        "/",
        "GET /",
        200,
        null,
        null,
        null,
        null,
        traits);
}
