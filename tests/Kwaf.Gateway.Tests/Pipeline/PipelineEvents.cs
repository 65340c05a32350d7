using Kwaf.Events;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>Plain events for the tests of the dispatcher, which care only about whose they are.</summary>
internal static class PipelineEvents
{
    /// <summary>The time of every event, and where the tests' fake clocks start.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>How long a test waits for any one step before it fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>A GET of / answered 200, from <paramref name="ip"/>.</summary>
    public static HttpEvent ForIp(string ip) =>
        new(Start, ip, null, "GET", null, "/", null, "/", "GET /", 200, 512, 3.5, null, null, RequestTraits.None);
}
