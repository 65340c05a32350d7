using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Tests.Ingestion.Text;

public sealed class LogTimeTests
{
    [Theory]
    [InlineData("2026-12-01T10:00:00.123+01:00", 1_230_000, 60)]
    [InlineData("2026-12-01T10:00:00.1234567+01:00", 1_234_567, 60)]
    [InlineData("2026-12-01 10:00:00.123456789-05:30", 1_234_567, -330)]
    [InlineData("2026-12-01T10:00:00.5z", 5_000_000, 0)]
    public void TryParseText_FractionThenOffset_KeepsBoth(string text, long fractionTicks, int offsetMinutes)
    {
        var parsed = LogTime.TryParseText(text, out var time, out var error);

        // The offset's digits come after the fraction's: cutting the fraction to 7 digits must not cut them too.
        Assert.True(parsed, error);
        Assert.Equal(fractionTicks, time.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), time.Offset);
        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 0), time.DateTime.AddTicks(-fractionTicks));
    }

    [Theory]
    [InlineData("2026-12-01T10:00:00")]
    [InlineData("2026-12-01T10:00:00.123")]
    public void TryParseText_NoOffset_IsRefused(string text)
    {
        Assert.False(LogTime.TryParseText(text, out _, out var error));
        Assert.Contains("offset", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("NaN")]
    [InlineData("12/01/2026 10:00:00 +00:00")]
    public void TryParseText_NotATime_SaysSoRatherThanAskingForAnOffset(string text)
    {
        Assert.False(LogTime.TryParseText(text, out _, out var error));
        Assert.StartsWith("time is not a time", error, StringComparison.Ordinal);
    }
}
