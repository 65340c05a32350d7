using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// The nginx template when kwaf is gone or hung: requests are served (fail-open), a failed kwaf costs one timeout
/// and not one per request (the local backup answers while kwaf is out of rotation), and a kwaf started again on the
/// same port enforces again. Each test has an edge of its own, because each one breaks its kwaf.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class NginxKwafOutageTests(ITestOutputHelper output)
{
    // The check's read timeout is 300 ms; an answer that did not wait for it is well below.
    private static readonly TimeSpan OneTimeout = TimeSpan.FromSeconds(1);

    // Out of rotation for fail_timeout (10 s) after a failure, then 1-2 s of cached answers.
    private static readonly TimeSpan TakesOverWithin = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Get_KwafKilled_EveryClientServedQuickly()
    {
        await using var edge = await NginxEdge.StartAsync();
        using var warm = edge.Client(30);
        using (var before = await warm.GetAsync(new Uri("/products", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await edge.Kwaf.KillAsync();
        var answers = await GetFromNewClientsAsync(edge, 31, 20);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        var slowest = answers.Max(static answer => answer.Took);
        Report("kwaf killed: slowest of 20 new clients", slowest);

        // A refused connection costs no timeout; the loose bound leaves room for the demo API's own pauses.
        Assert.Equal(0, await edge.CountErrorLogLinesAsync("upstream timed out"));
        Assert.True(slowest < OneTimeout, $"a request took {slowest.TotalMilliseconds} ms with kwaf down");
    }

    [Fact]
    public async Task Get_KwafHung_OneTimeoutThenServedQuickly()
    {
        await using var edge = await NginxEdge.StartAsync();
        using var warm = edge.Client(60);
        using (var before = await warm.GetAsync(new Uri("/products", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await SignalAsync("STOP", edge.Kwaf.ProcessId);
        var answers = await GetFromNewClientsAsync(edge, 61, 20);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Report("kwaf hung: first new client", answers[0].Took);
        Assert.True(answers[0].Took < OneTimeout, $"the first request took {answers[0].Took.TotalMilliseconds} ms");
        var slowestAfter = answers.Skip(1).Max(static answer => answer.Took);
        Report("kwaf hung: slowest of the 19 after it", slowestAfter);

        // nginx logs each read timeout it waits out: one for all 20 clients, not one per request. A later request's
        // time is reported, and bounded loosely, because the demo API behind nginx has pauses of its own.
        Assert.Equal(1, await edge.CountErrorLogLinesAsync("upstream timed out"));
        Assert.True(slowestAfter < OneTimeout, $"a later request took {slowestAfter.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Get_KwafRestartedOnSamePort_NewBlockEnforced()
    {
        await using var edge = await NginxEdge.StartAsync();
        using var client = edge.Client(90);
        await edge.Kwaf.KillAsync();
        using (var meanwhile = await client.GetAsync(new Uri("/products", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, meanwhile.StatusCode);
        }

        await edge.RestartKwafAsync();
        await edge.DecideAsync(LoopbackClient.Address(90), "block");
        var waited = await edge.UntilStatusAsync(client, "/products", HttpStatusCode.Forbidden, TakesOverWithin);

        Report("kwaf restarted: block enforced after", waited);
    }

    [Fact]
    public async Task Get_FailClosedVariantKwafKilled_NewClientsAnswered503()
    {
        await using var edge = await NginxEdge.StartAsync(FailClosed);
        using var client = edge.Client(120);
        using (var before = await client.GetAsync(new Uri("/products", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await edge.Kwaf.KillAsync();
        var answers = await GetFromNewClientsAsync(edge, 121, 5);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status));
    }

    // The variant the template documents: @kwaf_unavailable answers 503 instead of serving.
    private static string FailClosed(string configuration)
    {
        var failOpen = "# Fail-closed: replace the next line with \"return 503;\".\n"
            + "            proxy_pass http://application;";
        Assert.Contains(failOpen, configuration, StringComparison.Ordinal);
        return configuration.Replace(failOpen, "return 503;", StringComparison.Ordinal);
    }

    private static async Task<List<(HttpStatusCode Status, TimeSpan Took)>> GetFromNewClientsAsync(
        NginxEdge edge,
        int firstOctet,
        int count)
    {
        var answers = new List<(HttpStatusCode, TimeSpan)>();
        for (var octet = firstOctet; octet < firstOctet + count; octet++)
        {
            using var client = edge.Client(octet);
            var took = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri("/products", UriKind.Relative));
            answers.Add((response.StatusCode, took.Elapsed));
        }

        return answers;
    }

    private static async Task SignalAsync(string signal, int processId)
    {
        using var kill = Process.Start("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
    }

    private void Report(string what, TimeSpan took) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{what}: {took.TotalMilliseconds:F1} ms"));
}
