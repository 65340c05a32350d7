using System.Globalization;
using System.Net;
using Kwaf.Decisions;
using Kwaf.Gateway.Edge.HAProxy;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

public sealed class HAProxyMapContentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Build_AddressUserAndNetwork_EachUnderItsMapWithItsWord()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy),
            Decision("u:alice", DecisionKind.Throttle, DecisionOrigin.Manual),
            Decision("cidr:198.51.100.0/24", DecisionKind.Allow, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("block", contents.Ips["203.0.113.7"]);
        Assert.Equal("allow", contents.Ips["198.51.100.0/24"]);
        Assert.Equal("manual-throttle", Assert.Single(contents.Users).Value);
        Assert.Equal(2, contents.Ips.Count);
    }

    [Fact]
    public void Build_ShadowPolicyBlocks_NeitherInMapsNorInTables()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy) with { Shadow = true },
            Decision("u:carol", DecisionKind.Throttle, DecisionOrigin.Policy, Now.AddMinutes(1)) with { Shadow = true },
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);

        Assert.Empty(contents.Ips);
        Assert.Empty(contents.Users);
        Assert.Empty(contents.Blocks);
        Assert.Empty(contents.Throttles);
        Assert.Null(contents.NextChange);
    }

    [Fact]
    public void Build_ManualAllowAndPolicyBlockOnOneAddress_AllowWins()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy),
            Decision("ip:203.0.113.7", DecisionKind.Allow, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("allow", contents.Ips["203.0.113.7"]);
    }

    [Fact]
    public void Build_ManualThrottleAndManualAllow_ThrottleWins()
    {
        Decision[] decisions =
        [
            Decision("u:bob", DecisionKind.Allow, DecisionOrigin.Manual),
            Decision("u:bob", DecisionKind.Throttle, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("manual-throttle", contents.Users["bob"]);
    }

    [Fact]
    public void Build_AddressInsideAllowedNetwork_AddressKeyCarriesTheNetworksAllow()
    {
        // map_ip answers with the longest prefix only: the address key must carry the network's stronger verdict.
        Decision[] decisions =
        [
            Decision("ip:198.51.100.9", DecisionKind.Block, DecisionOrigin.Policy),
            Decision("cidr:198.51.100.0/24", DecisionKind.Allow, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("allow", contents.Ips["198.51.100.9"]);
    }

    [Fact]
    public void Build_NestedNetworks_InnerNetworkCarriesTheOutersStrongerVerdict()
    {
        Decision[] decisions =
        [
            Decision("cidr:10.0.0.0/8", DecisionKind.Block, DecisionOrigin.Manual),
            Decision("cidr:10.1.0.0/16", DecisionKind.Allow, DecisionOrigin.Manual),
            Decision("cidr:192.168.0.0/16", DecisionKind.Throttle, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("manual-block", contents.Ips["10.1.0.0/16"]);
        Assert.Equal("manual-block", contents.Ips["10.0.0.0/8"]);
        Assert.Equal("manual-throttle", contents.Ips["192.168.0.0/16"]);
    }

    [Fact]
    public void Build_AddressOutsideNetwork_KeepsItsOwnVerdict()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Throttle, DecisionOrigin.Policy),
            Decision("cidr:198.51.100.0/24", DecisionKind.Block, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("throttle", contents.Ips["203.0.113.7"]);
    }

    [Fact]
    public void Build_AllowlistedNetworkHoldingABlockedAddress_AddressIsAllowlisted()
    {
        Decision[] decisions = [Decision("ip:192.0.2.10", DecisionKind.Block, DecisionOrigin.Manual)];

        var contents = HAProxyMapContents.Build(decisions, [IPNetwork.Parse("192.0.2.0/24")], Now);

        Assert.Equal("allowlisted", contents.Ips["192.0.2.10"]);
        Assert.Equal("allowlisted", contents.Ips["192.0.2.0/24"]);
    }

    [Fact]
    public void Build_FullLengthNetwork_FiledAsTheAddress()
    {
        Decision[] decisions =
        [
            Decision("cidr:203.0.113.7/32", DecisionKind.Block, DecisionOrigin.Manual),
            Decision("ip:203.0.113.7", DecisionKind.Throttle, DecisionOrigin.Policy),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("manual-block", Assert.Single(contents.Ips).Value);
        Assert.Equal("203.0.113.7", contents.Ips.Keys.Single());
    }

    [Fact]
    public void Build_Ipv6Address_KeyIsRfc5952()
    {
        Decision[] decisions = [Decision("ip:2001:DB8:0:0::1", DecisionKind.Block, DecisionOrigin.Manual)];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("2001:db8::1", contents.Ips.Keys.Single());
    }

    [Fact]
    public void Build_ExpiredDecisionAndPolicyAllow_LeftOut()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Manual, expires: Now),
            Decision("ip:203.0.113.8", DecisionKind.Allow, DecisionOrigin.Policy),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Empty(contents.Ips);
        Assert.Null(contents.NextChange);
    }

    [Fact]
    public void Build_SeveralDecisions_NextChangeIsTheEarliestExpiry()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Manual, expires: Now.AddMinutes(5)),
            Decision("u:carol", DecisionKind.Block, DecisionOrigin.Policy, expires: Now.AddSeconds(3)),
            Decision("u:dave", DecisionKind.Block, DecisionOrigin.Policy, expires: Now.AddSeconds(9)),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal(Now.AddSeconds(3), contents.NextChange);
    }

    [Theory]
    [InlineData("u:two words")]
    [InlineData("u:semi;colon")]
    [InlineData("u:back\\slash")]
    [InlineData("u:quote\"d")]
    [InlineData("u:a<<")]
    public void Build_UserIdThatCannotBeAMapKey_SkippedAndCounted(string target)
    {
        Decision[] decisions = [Decision(target, DecisionKind.Block, DecisionOrigin.Manual)];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Empty(contents.Users);
        Assert.Equal(1, contents.SkippedUsers);
    }

    [Fact]
    public void Build_TablesOnPolicyBansOfAddresses_InTheTablesWithEndRoundedUpNotInTheMap()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy, expires: Now.AddSeconds(10.2)),
            Decision("ip:2001:db8::5", DecisionKind.Throttle, DecisionOrigin.Policy, expires: Now.AddSeconds(30)),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);

        var end = Now.ToUnixTimeSeconds() + 11;
        Assert.Equal(end.ToString(CultureInfo.InvariantCulture), contents.Blocks["::ffff:203.0.113.7"]);
        Assert.Equal(
            (Now.ToUnixTimeSeconds() + 30).ToString(CultureInfo.InvariantCulture),
            contents.Throttles["2001:db8::5"]);
        Assert.Empty(contents.Ips);
        Assert.Equal(Now.AddSeconds(10.2), contents.NextChange);
    }

    [Fact]
    public void Build_TablesOnManualNetworkAndUserBans_StayInTheMaps()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Manual),
            Decision("cidr:198.51.100.0/24", DecisionKind.Block, DecisionOrigin.Policy),
            Decision("u:mallory", DecisionKind.Throttle, DecisionOrigin.Policy),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);

        Assert.Empty(contents.Blocks);
        Assert.Empty(contents.Throttles);
        Assert.Equal("manual-block", contents.Ips["203.0.113.7"]);
        Assert.Equal("block", contents.Ips["198.51.100.0/24"]);
        Assert.Equal("throttle", contents.Users["mallory"]);
    }

    [Fact]
    public void Build_TablesOnPolicyBlockAndManualAllow_BlockInTableAllowInMapThatOverridesIt()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy),
            Decision("ip:203.0.113.7", DecisionKind.Allow, DecisionOrigin.Manual),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);

        // haproxy.cfg denies from the table only without "allow" or "allowlisted" in the address map.
        Assert.True(contents.Blocks.ContainsKey("::ffff:203.0.113.7"));
        Assert.Equal("allow", contents.Ips["203.0.113.7"]);
    }

    [Fact]
    public void Build_TablesOnTwoBlocksOfOneAddress_TheLaterEndKept()
    {
        Decision[] decisions =
        [
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy, expires: Now.AddSeconds(50)),
            Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy, expires: Now.AddSeconds(20)),
        ];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);

        Assert.Equal(
            (Now.ToUnixTimeSeconds() + 50).ToString(CultureInfo.InvariantCulture),
            Assert.Single(contents.Blocks).Value);
    }

    [Fact]
    public void Build_TablesOnBanBeyondHorizon_InTheMapUntilItsEndComesWithinTheHorizon()
    {
        var expires = Now + HAProxyMapContents.TableHorizon + TimeSpan.FromDays(5);
        Decision[] decisions = [Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy, expires)];

        var contents = HAProxyMapContents.Build(decisions, [], Now, tables: true);
        var later = HAProxyMapContents.Build(decisions, [], contents.NextChange!.Value, tables: true);

        Assert.Equal("block", contents.Ips["203.0.113.7"]);
        Assert.Empty(contents.Blocks);
        Assert.Equal(expires - HAProxyMapContents.TableHorizon, contents.NextChange);
        Assert.Empty(later.Ips);
        Assert.Single(later.Blocks);
    }

    [Fact]
    public void Build_TablesOff_PolicyBanOfAddressInTheMap()
    {
        Decision[] decisions = [Decision("ip:203.0.113.7", DecisionKind.Block, DecisionOrigin.Policy)];

        var contents = HAProxyMapContents.Build(decisions, [], Now);

        Assert.Equal("block", contents.Ips["203.0.113.7"]);
        Assert.Empty(contents.Blocks);
    }

    private static Decision Decision(
        string target,
        DecisionKind kind,
        DecisionOrigin origin,
        DateTimeOffset? expires = null) =>
        new(Guid.NewGuid().ToString("N"), target, kind, origin, "test", 0, Now.AddMinutes(-1),
            expires ?? Now.AddHours(1), 1);
}
