using CsCheck;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Json;
using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Tests.Ingestion;

public sealed class IngestionPropertyTests
{
    private static readonly Gen<string> PathLike = Gen.OneOf(
        Gen.String,
        Gen.Char["/.%\\?:@2eEfF5cC"].Array[0, 60].Select(chars => new string(chars)));

    private static readonly byte[] Prefix = "192.0.2.1 - - [10/Mar/2025:12:00:01 +0000] \""u8.ToArray();

    private static readonly Gen<byte[]> LineLike = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.OneOfConst("0123456789.:-[]\" /\\{}x\xE9"u8.ToArray()).Array[0, 120],
        Gen.Byte.Array[0, 80].Select(tail => Prefix.Concat(tail).ToArray()));

    [Fact]
    public void Normalize_AnyText_ReturnsRootedPath()
    {
        PathLike.Sample(target =>
        {
            var unix = PathNormalizer.Normalize(target, PathProfile.Unix);
            var windows = PathNormalizer.Normalize(target, PathProfile.Windows);
            return unix.Path.StartsWith('/') && windows.Path.StartsWith('/');
        });
    }

    [Fact]
    public void TryParse_AnyBytes_NeverThrowsAndAlwaysExplains()
    {
        LineLike.Sample(line =>
        {
            var ok = AccessLogParser.TryParse(line, AccessLogFormat.Auto, out var draft, out var reason);
            return ok ? draft is not null : !string.IsNullOrWhiteSpace(reason);
        });
    }

    [Fact]
    public void Read_AnyBytes_NeverThrowsAndAlwaysExplains()
    {
        Gen.Select(LineLike, Gen.Bool).Sample((body, ndjson) =>
        {
            var items = JsonEventReader.Read(body, ndjson).Items;
            return items.All(item => (item.Draft is null) != (item.Rejection is null)
                && (item.Rejection is null || !string.IsNullOrWhiteSpace(item.Rejection.Reason)));
        });
    }

    [Fact]
    public void Read_RandomObjects_NeverThrow()
    {
        var field = Gen.OneOf(Gen.Const("ip"), Gen.Const("time"), Gen.Const("status"), Gen.Const("bytes"),
            Gen.Const("path"), Gen.Const("request"), Gen.Const("durationMs"), Gen.Const("userId"));
        var value = Gen.OneOf(Gen.Const("\"-\""), Gen.Const("null"), Gen.Const("true"), Gen.Const("[1,{}]"),
            Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => "\"" + s + "\""));
        var pair = Gen.Select(field, value, (f, v) => "\"" + f + "\":" + v);
        pair.Array[0, 8].Sample(pairs =>
        {
            var body = System.Text.Encoding.UTF8.GetBytes("[{" + string.Join(',', pairs) + "}]");
            var item = Assert.Single(JsonEventReader.Read(body, ndjson: false).Items);
            return item.Draft is not null || !string.IsNullOrWhiteSpace(item.Rejection!.Reason);
        });
    }
}
