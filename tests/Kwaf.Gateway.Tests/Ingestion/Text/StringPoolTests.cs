using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Tests.Ingestion.Text;

public sealed class StringPoolTests
{
    [Fact]
    public void Get_SameCharactersAgain_SameStringInstance()
    {
        var pool = new StringPool();

        var first = pool.Get("GET /orders/{id}".AsSpan());
        var second = pool.Get("GET /orders/{id}".ToCharArray());

        Assert.Equal("GET /orders/{id}", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_ManyDifferentTexts_EachComesBackWithItsOwnCharacters()
    {
        var pool = new StringPool();
        var texts = Enumerable.Range(0, StringPool.Slots * 2).Select(i => "GET /p" + i).ToList();

        var got = texts.Select(t => pool.Get(t.AsSpan())).ToList();
        var again = texts.Select(t => pool.Get(t.AsSpan())).ToList();

        // More texts than slots: some were replaced, none was ever answered with another's characters.
        Assert.Equal(texts, got);
        Assert.Equal(texts, again);
    }
}
