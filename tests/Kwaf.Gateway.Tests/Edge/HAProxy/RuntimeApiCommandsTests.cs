using Kwaf.Gateway.Edge.HAProxy;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

public sealed class RuntimeApiCommandsTests
{
    [Fact]
    public void For_EachKindOfEdit_TheMatchingCommand()
    {
        const string map = "/s/ips.map";

        var add = RuntimeApiCommands.For(map, new MapEdit("1.2.3.4", "block", IsNew: true));
        var set = RuntimeApiCommands.For(map, new MapEdit("1.2.3.4", "allow", IsNew: false));
        var delete = RuntimeApiCommands.For(map, new MapEdit("1.2.3.4", null, IsNew: false));

        Assert.Equal("add map /s/ips.map 1.2.3.4 block", add);
        Assert.Equal("set map /s/ips.map 1.2.3.4 allow", set);
        Assert.Equal("del map /s/ips.map 1.2.3.4", delete);
    }

    [Fact]
    public void ForTable_AddChangeAndLift_SetOrClearTheEntry()
    {
        var add = RuntimeApiCommands.ForTable("kwaf_blocks", new MapEdit("::ffff:1.2.3.4", "1796414823", IsNew: true));
        var set = RuntimeApiCommands.ForTable("kwaf_blocks", new MapEdit("::ffff:1.2.3.4", "1796414900", IsNew: false));
        var lift = RuntimeApiCommands.ForTable("kwaf_blocks", new MapEdit("::ffff:1.2.3.4", null, IsNew: false));

        Assert.Equal("set table kwaf_blocks key ::ffff:1.2.3.4 data.gpt0 1796414823", add);
        Assert.Equal("set table kwaf_blocks key ::ffff:1.2.3.4 data.gpt0 1796414900", set);
        Assert.Equal("clear table kwaf_blocks key ::ffff:1.2.3.4", lift);
    }

    [Fact]
    public void LoadTable_Entries_ClearsFirstThenSetsEach()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["::ffff:1.2.3.4"] = "1796414823",
            ["2001:db8::1"] = "1796414824",
        };

        var commands = RuntimeApiCommands.LoadTable("kwaf_throttles", entries);

        Assert.Equal(3, commands.Count);
        Assert.Equal("clear table kwaf_throttles", commands[0]);
        Assert.Contains("set table kwaf_throttles key ::ffff:1.2.3.4 data.gpt0 1796414823", commands);
        Assert.Contains("set table kwaf_throttles key 2001:db8::1 data.gpt0 1796414824", commands);
    }

    [Fact]
    public void AddAll_ManyEntries_ChunksUnderTheLimitHoldingEveryEntryOnce()
    {
        var entries = Enumerable.Range(0, 2000)
            .ToDictionary(i => $"10.{i / 256}.{i % 256}.1", _ => "manual-block", StringComparer.Ordinal);

        var commands = RuntimeApiCommands.AddAll("/s/ips.map", "7", entries);

        Assert.True(commands.Count > 1, "expected several chunks");
        Assert.All(commands, c => Assert.True(c.Length <= RuntimeApiCommands.MaxPayloadChars, $"{c.Length} chars"));
        Assert.All(commands, c => Assert.StartsWith("add map @7 /s/ips.map <<\n", c, StringComparison.Ordinal));
        Assert.All(commands, c => Assert.EndsWith(" manual-block\n", c, StringComparison.Ordinal));
        var lines = commands.SelectMany(c => c.Split('\n').Skip(1).Where(l => l.Length > 0)).ToList();
        Assert.Equal(entries.Count, lines.Count);
        Assert.Equal(entries.Keys.Order(), lines.Select(l => l.Split(' ')[0]).Order());
    }

    [Fact]
    public void AddAll_NoEntries_NoCommand()
    {
        var commands = RuntimeApiCommands.AddAll("/s/users.map", "2", new Dictionary<string, string>());

        Assert.Empty(commands);
    }

    [Theory]
    [InlineData("alice", true)]
    [InlineData("user@example.com", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a\tb", false)]
    [InlineData("a;b", false)]
    [InlineData("a'b", false)]
    public void IsSafeWord_Word_Classified(string word, bool safe)
    {
        var result = RuntimeApiCommands.IsSafeWord(word);

        Assert.Equal(safe, result);
    }
}
