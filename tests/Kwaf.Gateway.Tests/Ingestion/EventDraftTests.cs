using System.Reflection;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;

namespace Kwaf.Gateway.Tests.Ingestion;

public sealed class EventDraftTests
{
    [Fact]
    public void Clear_EveryPropertySet_LeavesEveryPropertyAsANewDraftHasIt()
    {
        // Every settable property, the ones added later included: a property Clear forgot would carry one line's
        // value into the next.
        var properties = typeof(EventDraft).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToList();
        var draft = new EventDraft();
        foreach (var property in properties)
        {
            property.SetValue(draft, NonDefault(property.PropertyType));
        }

        draft.Clear();

        var fresh = new EventDraft();
        Assert.All(properties, p => Assert.Equal(p.GetValue(fresh), p.GetValue(draft)));
    }

    [Fact]
    public void TryParse_ReusedDraft_KeepsNothingOfTheLineBefore()
    {
        var draft = new EventDraft();
        var full = "203.0.113.7 - alice [01/Dec/2026:10:00:00 +0000] \"GET /a?b=1 HTTP/1.1\" 200 512 \"https://r/\" "u8
            + "\"curl/8\""u8;
        var bare = "198.51.100.2 - - [01/Dec/2026:10:00:01 +0000] \"-\" 400 -"u8;

        Assert.True(AccessLogParser.TryParse(full.ToArray(), AccessLogFormat.Auto, draft, out _, out _));
        Assert.True(AccessLogParser.TryParse(bare.ToArray(), AccessLogFormat.Auto, draft, out var second, out _));
        Assert.True(AccessLogParser.TryParse(bare.ToArray(), AccessLogFormat.Auto, out var alone, out _));

        Assert.Same(draft, second);
        Assert.Equivalent(alone, second, strict: true);
    }

    private static object NonDefault(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => "x",
            _ when underlying == typeof(bool) => true,
            _ when underlying == typeof(int) => 7,
            _ when underlying == typeof(long) => 7L,
            _ when underlying == typeof(double) => 7.5,
            _ when underlying == typeof(DateTimeOffset) => DateTimeOffset.UnixEpoch.AddDays(1),
            _ when underlying.IsEnum => Enum.ToObject(underlying, 1),
            _ => throw new InvalidOperationException($"No test value for {type}."),
        };
    }
}
