using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Tests.Ingestion.Paths;

public sealed class EndpointTemplateTests
{
    [Theory]
    [InlineData("GET", "/users/42/orders", "GET /users/{id}/orders")]
    [InlineData("GET", "/users/3f2b8c1e-9a4d-4e2b-8c1a-1b2c3d4e5f60", "GET /users/{id}")]
    [InlineData("GET", "/blobs/deadbeef42", "GET /blobs/{id}")]
    [InlineData("GET", "/t/aZ3kLm9_Qr7-Xy2Wv5Tu8s", "GET /t/{id}")]
    [InlineData("GET", "/blog/2015/05/select-a-union-of-things", "GET /blog/{id}/{id}/select-a-union-of-things")]
    [InlineData("GET", "/deadbeef", "GET /deadbeef")]
    [InlineData("POST", "/login", "POST /login")]
    [InlineData("GET", "/", "GET /")]
    [InlineData("GET", "/users/", "GET /users")]
    [InlineData("GET", "/a/b/c/d/e/f/g/h/i/j", "GET /a/b/c/d/e/f/g/h/...")]
    public void Build_Path_GivesTemplate(string method, string path, string expected)
    {
        var template = EndpointTemplate.Build(method, path);

        Assert.Equal(expected, template);
    }

    [Fact]
    public void Build_SameEndpointFromTwoPaths_SameStringInstance()
    {
        var first = EndpointTemplate.Build("GET", "/orders/1001/items");
        var second = EndpointTemplate.Build("GET", "/orders/1002/items");

        Assert.Equal("GET /orders/{id}/items", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Build_MethodTooLongForTheStackBuffer_StillGivesTemplate()
    {
        var method = new string('M', 2000);

        var template = EndpointTemplate.Build(method, "/a/42");

        Assert.Equal(method + " /a/{id}", template);
    }

    [Fact]
    public void Build_LongPlainSegment_IsBounded()
    {
        var path = "/files/" + new string('x', 500) + ".html";

        var template = EndpointTemplate.Build("GET", path);

        Assert.Equal("GET /files/{long}", template);
    }

    [Theory]
    [InlineData("/static/site.css", true)]
    [InlineData("/app.JS", true)]
    [InlineData("/img/logo.png", true)]
    [InlineData("/fonts/a.woff2", true)]
    [InlineData("/index.html", false)]
    [InlineData("/db.sql", false)]
    [InlineData("/css", false)]
    [InlineData("/.png", false)]
    public void IsStaticAsset_Extension_DecidesAsset(string path, bool expected)
    {
        var isStatic = EndpointTemplate.IsStaticAsset(path);

        Assert.Equal(expected, isStatic);
    }
}
