namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>The HAProxy edge with HAProxy's JSON access log sent to kwaf's UDP syslog listener.</summary>
public sealed class HAProxySyslogEdgeFixture : HAProxyEdgeFixture
{
    protected override bool FeedsSyslog => true;
}
