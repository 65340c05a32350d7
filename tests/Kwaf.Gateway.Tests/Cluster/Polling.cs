using System.Diagnostics;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>Bounded waiting on a condition that another process makes true; the bound is the assertion.</summary>
internal static class Polling
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until <paramref name="condition"/> holds; fails past <paramref name="bound"/>; returns the wait.
    /// </summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(elapsed.Elapsed < bound, $"not reached within {bound}: {what}");
            await Task.Delay(Pause);
        }

        return elapsed.Elapsed;
    }

    /// <summary>Like <see cref="UntilAsync"/>, but a call that fails on the connection counts as not yet.</summary>
    public static Task<TimeSpan> UntilAnsweredAsync(Func<Task<bool>> condition, TimeSpan bound, string what) =>
        UntilAsync(
            async () =>
            {
                try
                {
                    return await condition();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            bound,
            what);
}
