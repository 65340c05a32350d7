using Kwaf.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

internal static class SyslogServiceCollectionExtensions
{
    /// <summary>
    /// Registers the syslog listeners (UDP and TCP; each runs only when its port is set) and what they share: the
    /// options (checked at start), the sender filter and the intake. Needs the event ingestion services.
    /// </summary>
    public static IServiceCollection AddKwafSyslog(this IServiceCollection services)
    {
        services.AddKwafOptions<SyslogOptions>(SyslogOptions.SectionName);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SyslogOptions>, SyslogOptionsValidator>());
        services.TryAddSingleton(static sp => new SyslogSourceFilter(
            sp.GetRequiredService<IOptions<SyslogOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SyslogIntake>();
        services.TryAddSingleton<SyslogUdpListener>();
        services.TryAddSingleton<SyslogTcpListener>();
        services.AddHostedService(static sp => sp.GetRequiredService<SyslogUdpListener>());
        services.AddHostedService(static sp => sp.GetRequiredService<SyslogTcpListener>());
        return services;
    }
}
