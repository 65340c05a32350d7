using CsCheck;
using Kwaf.Gateway.Ingestion.AccessLogs;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// Access-log lines (combined, common, nginx JSON) built from valid parts and then mutated: the parser never throws,
/// a refusal always names a field and a reason, and whatever it accepts normalizes to an event that satisfies the
/// invariants or to an explained rejection.
/// </summary>
public sealed class AccessLogPropertyTests
{
    private static readonly Gen<string> Stamp = Gen.OneOf(
        Gen.Int[-100_000, 0].Select(static s => EventGen.Now.AddSeconds(s)
            .ToString("dd/MMM/yyyy:HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture).Remove(24, 1)),
        Gen.OneOfConst("10/Mar/2025:12:00:00", "", "-", "32/Foo/2025:99:99:99 +9999"));

    private static readonly Gen<string> RequestLine = Gen.OneOf(
        Gen.Select(
            EventGen.Method,
            EventGen.Path,
            Gen.OneOfConst(" HTTP/1.1", " HTTP/2.0", "", " HTTP/9"),
            static (method, path, version) => method + " " + path + version),
        Gen.OneOfConst("-", "\\x16\\x03\\x01", "GET", "GET /a \\\"b\\\" HTTP/1.1", ""));

    private static readonly Gen<string> Combined = Gen.Select(
        Gen.Select(EventGen.Ip, EventGen.Text, Stamp, RequestLine),
        Gen.Select(Gen.OneOfConst("200", "404", "-", "x", "999"), Gen.OneOfConst("512", "-", "-3", "")),
        Gen.Select(EventGen.Text, EventGen.Text, Gen.Int[0, 2]),
        static (head, numbers, tail) =>
        {
            var (ip, user, stamp, request) = head;
            var (status, bytes) = numbers;
            var (referer, agent, layout) = tail;
            var line = $"{ip} - {user} [{stamp}] \"{request}\" {status} {bytes}";
            return layout switch
            {
                0 => line,
                1 => line + $" \"{Escape(referer)}\" \"{Escape(agent)}\"",
                _ => line + $" \"{Escape(referer)}\"",
            };
        });

    [Fact]
    public Task TryParse_MutatedCombinedLine_DraftOrExplainedRefusal() =>
        Fuzz.SampleAsync(
            Gen.Select(Fuzz.Mutated(Combined), Gen.Enum<AccessLogFormat>()),
            static sample => Holds(sample.Item1, sample.Item2),
            3000);

    [Fact]
    public Task TryParse_MutatedNginxJsonLine_DraftOrExplainedRefusal() =>
        Fuzz.SampleAsync(Fuzz.Mutated(EventGen.Object), static line => Holds(line, AccessLogFormat.Auto), 2000);

    [Fact]
    public Task Detect_AnyLine_NeverThrows() =>
        Fuzz.SampleAsync(
            Fuzz.Mutated(Gen.OneOf(Combined, EventGen.Object)),
            static line => Enum.IsDefined(AccessLogParser.Detect(line)),
            1000);

    private static bool Holds(byte[] line, AccessLogFormat format)
    {
        if (!AccessLogParser.TryParse(line, format, out var draft, out var reason))
        {
            return !string.IsNullOrWhiteSpace(reason) && reason.Contains(": ", StringComparison.Ordinal);
        }

        return Invariants.Normalized(draft, Invariants.Normalizer);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
