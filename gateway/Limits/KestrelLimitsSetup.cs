using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Limits;

/// <summary>Applies <see cref="HttpLimitsOptions"/> to Kestrel.</summary>
internal sealed class KestrelLimitsSetup(IOptions<HttpLimitsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var limits = options.Value;
        server.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
        server.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        server.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
    }
}
