using System.Globalization;
using System.Net;
using CsCheck;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// RFC 5952 text of any IPv6 address: it reads back as the same address, in lower-case hex without leading zeros,
/// with the first of the longest runs of two or more zero groups, and only that run, written as <c>::</c>.
/// </summary>
public sealed class Rfc5952PropertyTests
{
    /// <summary>Groups mostly zero or small, so that runs of zeros, ties and single zeros are common.</summary>
    private static readonly Gen<ushort[]> Groups = Gen.Frequency(
            (4, Gen.Const((ushort)0)),
            (2, Gen.UShort[1, 0xF]),
            (2, Gen.UShort))
        .Array[8];

    [Fact]
    public Task Format_AnyAddress_IsTheCanonicalTextOfThatAddress() =>
        Fuzz.SampleAsync(Groups, static groups => IsCanonicalTextOf(groups), 20_000);

    [Theory]
    [InlineData("2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:DB8::0001", "2001:db8::1")]
    [InlineData("0:0:0:0:0:0:0:0", "::")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("1:0:0:0:0:0:0:0", "1::")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Format_Rfc5952Examples(string address, string expected) =>
        Assert.Equal(expected, Rfc5952.Format(IPAddress.Parse(address)));

    private static bool IsCanonicalTextOf(ushort[] groups)
    {
        var bytes = new byte[16];
        for (var i = 0; i < 8; i++)
        {
            bytes[2 * i] = (byte)(groups[i] >> 8);
            bytes[(2 * i) + 1] = (byte)groups[i];
        }

        var text = Rfc5952.Format(new IPAddress(bytes));
        var (runStart, runLength) = FirstLongestZeroRun(groups);
        var halves = text.Split("::");
        var written = halves.Length == 1
            ? text.Split(':')
            : [.. Parts(halves[0]), .. Enumerable.Repeat("0", runLength), .. Parts(halves[1])];
        return IPAddress.Parse(text).GetAddressBytes().SequenceEqual(bytes)
            && halves.Length == (runLength == 0 ? 1 : 2)
            && (runLength == 0 || Parts(halves[0]).Length == runStart)
            && written.Length == 8
            && written.Select((part, i) => part == groups[i].ToString("x", CultureInfo.InvariantCulture)).All(x => x);
    }

    private static string[] Parts(string half) => half.Length == 0 ? [] : half.Split(':');

    /// <summary>The longest run of two or more zero groups, the leftmost on a tie; (0, 0) when there is none.</summary>
    private static (int Start, int Length) FirstLongestZeroRun(ushort[] groups)
    {
        var runs = Enumerable.Range(0, 8)
            .SelectMany(start => Enumerable.Range(2, 8 - start - 1).Select(length => (start, length)))
            .Where(run => groups.Skip(run.start).Take(run.length).All(g => g == 0))
            .OrderByDescending(run => run.length)
            .ThenBy(run => run.start);
        return runs.FirstOrDefault();
    }
}
