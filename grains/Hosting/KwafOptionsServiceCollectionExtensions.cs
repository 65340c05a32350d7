using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Binds an options class both eagerly (for builder-time decisions) and into the container.</summary>
internal static class KwafOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Reads and validates the options now, throwing on a bad value, and registers them with their validator
    /// and ValidateOnStart so that injected instances see the same checks.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="sectionName">The section, for example <c>Kwaf:Silo</c>.</param>
    /// <param name="validator">The validator.</param>
    /// <returns>The bound, valid options.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static TOptions BindKwafOptions<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string sectionName,
        IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var section = configuration.GetSection(sectionName);
        var options = new TOptions();
        KwafBinding.BindStrictly(section, options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }

        services.AddSingleton(validator);
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(
            new ConfigurationChangeTokenSource<TOptions>(section));
        services.AddOptions<TOptions>()
            .Configure(bound => KwafBinding.BindStrictly(section, bound))
            .ValidateOnStart();
        return options;
    }
}
