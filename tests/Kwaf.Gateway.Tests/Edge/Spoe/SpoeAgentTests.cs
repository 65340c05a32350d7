using System.Net;
using System.Net.Sockets;
using Kwaf.Decisions;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Edge.Spoe;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Kwaf.Gateway.Tests.Decisions.Cache.CacheTestData;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>The agent on a real loopback socket, driven with hand-built frames, answering from a fixed cache.</summary>
public sealed class SpoeAgentTests : IAsyncLifetime
{
    private const string BlockedIp = "192.0.2.66";
    private const string ThrottledIp = "192.0.2.77";
    private const string AllowlistedIp = "192.0.2.200";
    private const string CleanIp = "192.0.2.1";
    private const string BlockedUser = "mallory";

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly int _port = LoopbackPorts.FindFree(1)[0];
    private readonly FakeTimeProvider _time = new(Noon);
    private readonly SpoeCounters _counters;
    private readonly SpoeAgent _agent;

    public SpoeAgentTests()
    {
        var cache = new DecisionCache();
        cache.Apply(Snapshot(
            1,
            Policy("ip:" + BlockedIp, DecisionKind.Block, Noon.AddMinutes(10)),
            Manual("ip:" + ThrottledIp, DecisionKind.Throttle, Noon.AddSeconds(30)),
            Manual("u:" + BlockedUser, DecisionKind.Block, Noon.AddMinutes(5))));
        _counters = new SpoeCounters(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var options = new SpoeOptions { Port = _port, MaxConnections = 3 };
        _agent = new SpoeAgent(
            Options.Create(options),
            cache,
            new Allowlist([AllowlistedIp + "/32"]),
            _time,
            _counters,
            NullLogger<SpoeAgent>.Instance);
    }

    public Task InitializeAsync() => _agent.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _agent.StopAsync(CancellationToken.None);
        _agent.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Hello_HaproxyOffersSmallerFrames_AgentHelloTakesTheSmaller()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);

        await client.SendAsync(TestFrames.Hello(maxFrameSize: 4096));
        var (header, payload) = TestFrames.Split(await client.ReceiveFrameAsync());

        Assert.Equal(SpopFrameType.AgentHello, header.Type);
        var items = TestFrames.ReadKvList(payload);
        Assert.Equal("2.0", items["version"]);
        Assert.Equal(4096UL, items["max-frame-size"]);
        Assert.Equal("pipelining", items["capabilities"]);
    }

    [Fact]
    public async Task Hello_Healthcheck_AnswersThenCloses()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);

        await client.SendAsync(TestFrames.Hello(healthcheck: true));
        var (header, _) = TestFrames.Split(await client.ReceiveFrameAsync());

        Assert.Equal(SpopFrameType.AgentHello, header.Type);
        Assert.True(await client.ClosedAsync(), "the agent kept a health-check connection open");
        Assert.Equal(1, _counters.Snapshot().Healthchecks);
    }

    [Fact]
    public async Task Notify_TwoPipelined_EachAckCarriesItsIdsAndVerdict()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);

        await client.SendAsync(
            TestFrames.Hello(),
            TestFrames.Notify(streamId: 300, frameId: 1, BlockedIp, user: null),
            TestFrames.Notify(streamId: 301, frameId: 7, CleanIp, "alice"));
        Assert.Equal(SpopFrameType.AgentHello, TestFrames.Split(await client.ReceiveFrameAsync()).Header.Type);
        var acks = new Dictionary<(ulong, ulong), Dictionary<string, object?>>();
        for (var index = 0; index < 2; index++)
        {
            var (header, payload) = TestFrames.Split(await client.ReceiveFrameAsync());
            Assert.Equal(SpopFrameType.Ack, header.Type);
            acks[(header.StreamId, header.FrameId)] = TestFrames.ReadSetVars(payload);
        }

        Assert.Equal("block", acks[(300, 1)]["2:decision"]);
        Assert.Equal(85UL, acks[(300, 1)]["2:score"]);
        Assert.Equal(600UL, acks[(300, 1)]["2:retry_after"]);
        Assert.Equal("allow", acks[(301, 7)]["2:decision"]);
        Assert.False(acks[(301, 7)].ContainsKey("2:retry_after"), "an allowed request got a retry_after");
    }

    [Theory]
    [InlineData(ThrottledIp, null, "throttle", 30UL)]
    [InlineData(CleanIp, BlockedUser, "block", 300UL)]
    [InlineData(AllowlistedIp, BlockedUser, "allow", null)]
    public async Task Notify_Client_AnswersCacheVerdict(string ip, string? user, string decision, ulong? retryAfter)
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);
        await client.SendAsync(TestFrames.Hello());
        await client.ReceiveFrameAsync();

        await client.SendAsync(TestFrames.Notify(5, 1, ip, user));
        var variables = TestFrames.ReadSetVars(TestFrames.Split(await client.ReceiveFrameAsync()).Payload);

        Assert.Equal(decision, variables["2:decision"]);
        Assert.Equal(retryAfter, variables.GetValueOrDefault("2:retry_after") as ulong?);
    }

    [Fact]
    public async Task Disconnect_AfterHello_AnswersNormalAndCloses()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);
        await client.SendAsync(TestFrames.Hello());
        await client.ReceiveFrameAsync();

        await client.SendAsync(TestFrames.Disconnect());
        var (header, payload) = TestFrames.Split(await client.ReceiveFrameAsync());

        Assert.Equal(SpopFrameType.AgentDisconnect, header.Type);
        Assert.Equal((ulong)SpopStatus.Normal, TestFrames.ReadKvList(payload)["status-code"]);
        Assert.True(await client.ClosedAsync(), "the agent kept the connection open after DISCONNECT");
    }

    [Fact]
    public async Task Notify_BeforeHello_DisconnectsWithInvalidFrame()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);

        await client.SendAsync(TestFrames.Notify(1, 1, CleanIp, null));
        var status = await DisconnectStatusAsync(client);

        Assert.Equal((ulong)SpopStatus.InvalidFrame, status);
        Assert.True(await client.ClosedAsync(), "the agent kept a broken connection open");
        Assert.Equal(1, _counters.Snapshot().Errors["invalid_frame"]);
    }

    [Fact]
    public async Task Notify_LargerThanNegotiated_DisconnectsWithFrameTooBig()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);
        await client.SendAsync(TestFrames.Hello(maxFrameSize: 256));
        await client.ReceiveFrameAsync();

        await client.SendAsync(TestFrames.Notify(1, 1, CleanIp, new string('u', 300)));
        var status = await DisconnectStatusAsync(client);

        Assert.Equal((ulong)SpopStatus.FrameTooBig, status);
    }

    [Fact]
    public async Task Notify_Fragmented_DisconnectsWithFragmentationNotSupported()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);
        await client.SendAsync(TestFrames.Hello());
        await client.ReceiveFrameAsync();

        await client.SendAsync(TestFrames.Notify(1, 1, CleanIp, null, flags: 0));
        var status = await DisconnectStatusAsync(client);

        Assert.Equal((ulong)SpopStatus.FragmentationNotSupported, status);
    }

    [Fact]
    public async Task Connect_PastMaxConnections_ToldResourceAllocationError()
    {
        var open = new List<SpopTestClient>();
        for (var index = 0; index < 3; index++)
        {
            var client = await SpopTestClient.ConnectAsync(_port);
            open.Add(client);
            await client.SendAsync(TestFrames.Hello());
            await client.ReceiveFrameAsync();
        }

        await using var rejected = await SpopTestClient.ConnectAsync(_port);
        var status = await DisconnectStatusAsync(rejected);

        Assert.Equal((ulong)SpopStatus.ResourceAllocation, status);
        Assert.Equal(1, _counters.Snapshot().RejectedConnections);
        foreach (var client in open)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connection_IdleLongerThanTimeout_DisconnectsWithTimeout()
    {
        await using var client = await SpopTestClient.ConnectAsync(_port);
        await client.SendAsync(TestFrames.Hello());
        await client.ReceiveFrameAsync();

        // The agent arms its idle timer just before each read; the clock moves on until that timer has fired.
        await ApiCalls.EventuallyAsync(
            () =>
            {
                _time.Advance(new SpoeOptions().IdleTimeout);
                return Task.FromResult(client.Available > 0);
            },
            TimeSpan.FromSeconds(10),
            "the idle connection being closed");
        var status = await DisconnectStatusAsync(client);

        Assert.Equal((ulong)SpopStatus.Timeout, status);
        Assert.True(await client.ClosedAsync(), "the agent kept an idle connection open");
    }

    [Fact]
    public async Task StartAsync_PortTaken_FailsNamingTheKey()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        using var second = new SpoeAgent(
            Options.Create(new SpoeOptions { Port = port }),
            new DecisionCache(),
            new Allowlist([]),
            new FakeTimeProvider(Noon),
            _counters,
            NullLogger<SpoeAgent>.Instance);

        var error = await Assert.ThrowsAsync<IOException>(() => second.StartAsync(CancellationToken.None));

        var expected = $"Kwaf:Spoe:Port {port} on 127.0.0.1: cannot listen";
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(error.InnerException);
    }

    private static async Task<ulong?> DisconnectStatusAsync(SpopTestClient client)
    {
        var (header, payload) = TestFrames.Split(await client.ReceiveFrameAsync());
        Assert.Equal(SpopFrameType.AgentDisconnect, header.Type);
        return TestFrames.ReadKvList(payload)["status-code"] as ulong?;
    }
}
