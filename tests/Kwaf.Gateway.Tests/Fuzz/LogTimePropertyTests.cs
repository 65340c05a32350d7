using CsCheck;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// The digit-by-digit reader of plain RFC 3339 stamps takes only what the general reader takes, with the same value
/// and offset, on stamps near and around the shape it knows: out-of-range fields, long fractions, odd offsets.
/// </summary>
public sealed class LogTimePropertyTests
{
    private static readonly Gen<string> Digits2 = Gen.Int[0, 99].Select(static n => n.ToString("00"));

    private static readonly Gen<string> Offset = Gen.OneOf(
        Gen.OneOfConst("Z", "z", "+00:00", "-00:00", "+14:00", "-14:00", "+14:01", "+0530", "+05", "", "+5:30"),
        Gen.Select(Gen.OneOfConst('+', '-'), Digits2, Digits2, static (sign, h, m) => $"{sign}{h}:{m}"));

    private static readonly Gen<string> Fraction = Gen.OneOf(
        Gen.Const(string.Empty),
        Gen.Const("."),
        Gen.Int[1, 12].SelectMany(static n => Gen.String[Gen.Char['0', '9'], n, n]).Select(static d => "." + d));

    private static readonly Gen<string> Stamp = Gen.Select(
        Gen.Int[0, 10_100].Select(static y => y.ToString("0000")),
        Gen.Select(Digits2, Digits2, Digits2, static (mo, d, h) => (mo, d, h)),
        Gen.Select(Digits2, Digits2, Gen.OneOfConst('T', ' ', 't', 'x'), static (mi, s, t) => (mi, s, t)),
        Fraction,
        Offset,
        static (y, date, time, fraction, offset) =>
            $"{y}-{date.mo}-{date.d}{time.t}{date.h}:{time.mi}:{time.s}{fraction}{offset}");

    [Fact]
    public Task TryParsePlainRfc3339_AnyStamp_AgreesWithTheGeneralReader() =>
        Fuzz.SampleAsync(Stamp, static text => Agrees(text), 20_000);

    [Theory]
    [InlineData("2026-12-01T10:00:00Z")]
    [InlineData("2026-12-01T10:00:00.123Z")]
    [InlineData("2026-12-01 10:00:00.1234567+01:00")]
    [InlineData("2026-02-28T23:59:59-14:00")]
    public void TryParsePlainRfc3339_UsualStamp_IsReadDigitByDigit(string text)
    {
        Assert.True(LogTime.TryParsePlainRfc3339(text, out var plain));
        Assert.True(LogTime.TryParseRfc3339Exact(text, out var exact));
        Assert.Equal(exact, plain);
        Assert.Equal(exact.Offset, plain.Offset);
    }

    private static bool Agrees(string text)
    {
        if (!LogTime.TryParsePlainRfc3339(text, out var plain))
        {
            return true;
        }

        return LogTime.TryParseRfc3339Exact(text, out var exact) && exact == plain && exact.Offset == plain.Offset;
    }
}
