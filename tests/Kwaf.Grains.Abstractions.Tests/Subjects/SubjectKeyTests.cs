using Kwaf.Subjects;

namespace Kwaf.Grains.Abstractions.Tests.Subjects;

public sealed class SubjectKeyTests
{
    [Theory]
    [InlineData("ip:203.0.113.9", SubjectKind.Ip, "203.0.113.9")]
    [InlineData("ip:2001:db8::1", SubjectKind.Ip, "2001:db8::1")]
    [InlineData("u:abc", SubjectKind.User, "abc")]
    [InlineData("u:u:nested", SubjectKind.User, "u:nested")]
    public void TryParse_KeyMadeByToGrainKey_RoundTrips(string grainKey, SubjectKind kind, string id)
    {
        var parsed = SubjectKey.TryParse(grainKey, out var key);

        Assert.True(parsed, $"key '{grainKey}' should parse");
        Assert.Equal(new SubjectKey(kind, id), key);
        Assert.Equal(grainKey, key!.Value.ToGrainKey());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ip:")]
    [InlineData("u:")]
    [InlineData("abc")]
    [InlineData("user:alice")]
    public void TryParse_TextWithoutKindPrefix_Fails(string grainKey)
    {
        var parsed = SubjectKey.TryParse(grainKey, out var key);

        Assert.False(parsed);
        Assert.Null(key);
    }
}
