using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>The HTTP calls the API tests make, each bounded by <see cref="KwafApiFactory.CallTimeout"/>.</summary>
internal static class ApiCalls
{
    public const string Ndjson = "application/x-ndjson";

    public static Task<HttpResponseMessage> PostEventsAsync(
        this HttpClient client,
        string body,
        string contentType = "application/json",
        string route = "/events") =>
        client.PostBytesAsync(route, Encoding.UTF8.GetBytes(body), contentType);

    public static async Task<HttpResponseMessage> PostBytesAsync(
        this HttpClient client,
        string route,
        byte[] body,
        string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(route, content).WaitAsync(KwafApiFactory.CallTimeout);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, FormattableString route) =>
        client.GetAsync(Escaped(route)).WaitAsync(KwafApiFactory.CallTimeout);

    public static Task<HttpResponseMessage> CheckIpAsync(this HttpClient client, string ip) =>
        client.GetAsync($"/decisions/check?ip={ip}");

    /// <summary>GET /ratings?ip=; the answer must be 200, and its JSON body is returned.</summary>
    public static async Task<JsonElement> GetIpRatingAsync(this HttpClient client, string ip)
    {
        using var response = await client.GetAsync($"/ratings?ip={ip}");
        return await ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {ip}");
    }

    /// <summary>Asserts the status and returns the body as a detached JSON element.</summary>
    public static async Task<JsonElement> ReadJsonAsync(
        HttpResponseMessage response,
        HttpStatusCode expected,
        string what)
    {
        var text = await response.Content.ReadAsStringAsync().WaitAsync(KwafApiFactory.CallTimeout);
        Assert.True(response.StatusCode == expected, $"{what}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Calls <paramref name="probe"/> until it returns true, with a short pause between attempts, for at most
    /// <paramref name="within"/>; then fails naming <paramref name="what"/>.
    /// </summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, TimeSpan within, string what)
    {
        var started = Environment.TickCount64;
        while (!await probe().WaitAsync(KwafApiFactory.CallTimeout))
        {
            if (Environment.TickCount64 - started > within.TotalMilliseconds)
            {
                var seconds = within.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                Assert.Fail($"{what}: not reached within {seconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Waits until a check for <paramref name="ip"/> answers <paramref name="status"/>.</summary>
    public static Task CheckEventuallyAsync(
        this HttpClient client,
        string ip,
        HttpStatusCode status,
        TimeSpan within) =>
        EventuallyAsync(
            async () =>
            {
                using var response = await client.CheckIpAsync(ip);
                return response.StatusCode == status;
            },
            within,
            $"check of {ip} answering {status}");

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    // Query values are escaped so that an address such as ::ffff:203.0.113.9 travels as written.
    private static string Escaped(FormattableString route) =>
        string.Format(
            CultureInfo.InvariantCulture,
            route.Format,
            Array.ConvertAll(route.GetArguments(), static a => (object?)Uri.EscapeDataString(
                Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty)));
}
