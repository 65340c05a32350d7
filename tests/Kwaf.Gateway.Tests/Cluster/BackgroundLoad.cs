using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>Posts event batches to a gateway in a loop, recording when each post started and whether it worked.
/// </summary>
internal sealed class BackgroundLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(TimeSpan Started, bool Succeeded)> _posts = new();
    private readonly Task _loop;

    public BackgroundLoad(GatewayApi api) => _loop = RunAsync(api, _stop.Token);

    /// <summary>Time since the load started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Stops the load; returns how many posts started at or after <paramref name="from"/> failed.</summary>
    public async Task<int> StopAsync(TimeSpan from)
    {
        // Let at least one post start (and finish) after the instant of interest before stopping the load.
        var deadline = _clock.Elapsed + TimeSpan.FromSeconds(30);
        while (!_posts.Any(post => post.Started >= from) && _clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Contains(_posts, post => post.Started >= from);
        return _posts.Count(post => post.Started >= from && !post.Succeeded);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(GatewayApi api, CancellationToken stop)
    {
        var round = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            var ips = Enumerable.Range(0, 50).Select(i => $"203.0.113.{((round * 50) + i) % 250}");
            bool succeeded;
            try
            {
                succeeded = await api.PostFailedLoginsAsync(ips, 2) == HttpStatusCode.Accepted;
            }
            catch (HttpRequestException)
            {
                succeeded = false;
            }

            _posts.Enqueue((started, succeeded));
            round++;
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }
}
