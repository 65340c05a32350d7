namespace Kwaf.Gateway.Health;

/// <summary>
/// <c>kwaf healthcheck [URL]</c>: asks a running gateway's readiness endpoint and exits 0 when it is ready, 1 when
/// not, saying why. Container images carry no curl; this lets their health check use the gateway's own binary. A URL
/// with no path (<c>http://127.0.0.1:5080</c>) means that gateway's <c>/health/ready</c>.
/// </summary>
internal static class HealthProbeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080/health/ready";

    private const string ReadinessPath = "/health/ready";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter error)
    {
        var url = args.Count > 0 ? args[0] : DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"healthcheck: not an http(s) URL: {url}");
            return 2;
        }

        if (uri.AbsolutePath == "/" && uri.Query.Length == 0)
        {
            uri = new Uri(uri, ReadinessPath);
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(uri);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync(
                $"healthcheck: {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"healthcheck: {uri} did not answer: {ex.Message}");
            return 1;
        }
    }
}
