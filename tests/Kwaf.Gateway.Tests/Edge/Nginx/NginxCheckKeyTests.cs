using System.Net;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Security;

namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// nginx in front of a kwaf with API keys, loopback clients without a key refused: the template sends its check key
/// (KWAF_CHECK_KEY), and a check kwaf refuses for a wrong key counts as kwaf being unavailable, not as a denial.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class NginxCheckKeyTests
{
    private const string CheckKey = "kwaf_nginx-check-key-for-the-edge-test";
    private const string AdminKey = "kwaf_admin-key-for-the-edge-test";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Check_NginxSendsItsCheckKey_BanIsEnforced()
    {
        await using var edge = await NginxEdge.StartAsync(kwafSettings: Keys(), checkKey: CheckKey, adminKey: AdminKey);
        using var client = edge.Client(40);
        await edge.UntilStatusAsync(client, "/", HttpStatusCode.OK, Bound);

        await edge.DecideAsync(LoopbackClient.Address(40), "block");

        await edge.UntilStatusAsync(client, "/", HttpStatusCode.Forbidden, Bound);
    }

    [Fact]
    public async Task Check_NginxSendsAWrongKey_ServedAsWhileKwafIsDown()
    {
        await using var edge = await NginxEdge.StartAsync(
            kwafSettings: Keys(),
            checkKey: "kwaf_wrong",
            adminKey: AdminKey);
        using var client = edge.Client(41);
        await edge.DecideAsync(LoopbackClient.Address(41), "block");
        await edge.Kwaf.Client.CheckEventuallyAsync(LoopbackClient.Address(41), HttpStatusCode.Forbidden, Bound);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string> Keys()
    {
        var settings = new Dictionary<string, string?> { ["Kwaf:Security:AllowLoopbackWithoutKey"] = "false" };
        SecurityFixture.AddKey(settings, 0, "nginx", CheckKey, KwafRoles.Check);
        SecurityFixture.AddKey(settings, 1, "edge-test", AdminKey, KwafRoles.Admin);
        return settings.ToDictionary(s => s.Key, s => s.Value!);
    }
}
