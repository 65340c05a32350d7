using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// Gives requests of the in-process test server the TCP peer a real connection would have: the test server leaves
/// the remote address empty, which the gateway treats as an unknown, untrusted peer. Requests come from
/// 127.0.0.1, or from the address in <see cref="Header"/>, which lets a test act as a client on another host
/// (real connections in tests are loopback only). Test code only: the production gateway never reads this header.
/// </summary>
internal sealed class TestPeerStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) =>
        {
            var peer = context.Request.Headers[Header].ToString();
            if (peer.Length > 0)
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            }
            else
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
