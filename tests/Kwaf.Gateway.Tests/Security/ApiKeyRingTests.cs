using Kwaf.Gateway.Security;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Security;

public sealed class ApiKeyRingTests
{
    [Fact]
    public void Find_ConfiguredKey_GivesItsNameAndRoles()
    {
        var ring = Ring(
            ("nginx", "key-one", [KwafRoles.Check, KwafRoles.Ingest]),
            ("ops", "key-two", [KwafRoles.Read]));

        var found = ring.Find("key-one");

        Assert.NotNull(found);
        Assert.Equal("nginx", found.Name);
        Assert.Equal([KwafRoles.Check, KwafRoles.Ingest], found.Roles);
    }

    [Fact]
    public void Find_AdminKey_HoldsEveryRole()
    {
        var ring = Ring(("ops", "admin-key", [KwafRoles.Admin]));

        var found = ring.Find("admin-key");

        Assert.Equal(KwafRoles.All.Order(), found!.Roles.Order());
    }

    [Theory]
    [InlineData("key-one ")]
    [InlineData("KEY-ONE")]
    [InlineData("key-on")]
    [InlineData("")]
    public void Find_OtherText_FindsNothing(string presented)
    {
        var ring = Ring(("nginx", "key-one", [KwafRoles.Check]));

        var found = ring.Find(presented);

        Assert.Null(found);
    }

    [Fact]
    public void Find_OverlongText_FindsNothing()
    {
        var key = new string('k', ApiKeyHash.MaxKeyChars + 1);
        var ring = Ring(("long", key, [KwafRoles.Check]));

        var found = ring.Find(key);

        Assert.Null(found);
    }

    private static ApiKeyRing Ring(params (string Name, string Key, string[] Roles)[] keys)
    {
        var options = new SecurityOptions
        {
            ApiKeys = [.. keys.Select(k => new ApiKeyOptions
            {
                Name = k.Name,
                Roles = k.Roles,
                Hash = ApiKeyHash.Format(k.Key),
            })],
        };
        return new ApiKeyRing(Options.Create(options));
    }
}
