using System.Diagnostics;
using System.Globalization;

namespace Kwaf.Gateway.Tests.Dashboard;

/// <summary>
/// Debian's chromium run headless, one process per page, with a new empty profile and no background networking, so
/// that the only traffic it makes is to the loopback page it is given. Pages are rendered on a virtual clock
/// (<c>--virtual-time-budget</c>): the page's timers and polls run as if that much time had passed, and the process
/// ends when the budget is spent, so no test waits on a wall-clock sleep.
/// </summary>
internal static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Renders <paramref name="page"/> and returns the DOM as serialized after the budget.</summary>
    public static async Task<string> DumpDomAsync(Uri page, TimeSpan virtualTime)
    {
        var (exitCode, output, errors) = await RunAsync(page, virtualTime, ["--dump-dom"]);
        Assert.True(exitCode == 0, $"chromium --dump-dom {page} exited with {exitCode}: {Tail(errors)}");
        return output;
    }

    /// <summary>Renders <paramref name="page"/> in a 1280x900 window and writes a PNG screenshot to a file.</summary>
    public static async Task ScreenshotAsync(Uri page, TimeSpan virtualTime, string pngPath)
    {
        File.Delete(pngPath);
        var (exitCode, _, errors) = await RunAsync(
            page,
            virtualTime,
            ["--hide-scrollbars", "--window-size=1280,900", $"--screenshot={pngPath}"]);
        Assert.True(exitCode == 0, $"chromium --screenshot {page} exited with {exitCode}: {Tail(errors)}");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        Uri page,
        TimeSpan virtualTime,
        string[] extraArguments)
    {
        Assert.True(
            File.Exists(ExecutablePath),
            $"{ExecutablePath} is missing: install Debian's chromium (scripts/servers.sh start does so as root).");
        Assert.True(page.IsLoopback, $"chromium may only be pointed at loopback pages, not {page}.");
        var profile = Directory.CreateTempSubdirectory("kwaf-chromium-");
        try
        {
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in BaseArguments(profile.FullName, virtualTime))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in extraArguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(page.ToString());
            return await RunProcessAsync(start);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string[] BaseArguments(string profileFolder, TimeSpan virtualTime) =>
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        $"--user-data-dir={profileFolder}",
        "--virtual-time-budget=" + ((long)virtualTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
    ];

    private static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 2000 ? trimmed : trimmed[^2000..];
    }
}
