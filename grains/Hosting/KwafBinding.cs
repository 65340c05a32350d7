using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// How every kwaf options section is bound: a key that matches no option (a misspelling such as
/// <c>Kwaf:Policy:Detectors:Probbing</c>) or a value that does not convert fails the start and names the key, rather
/// than leaving the default silently in force.
/// </summary>
internal static class KwafBinding
{
    /// <summary>Binder settings that reject unknown keys.</summary>
    /// <param name="options">The binder options to set.</param>
    public static void Strict(BinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ErrorOnUnknownConfiguration = true;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to a section strictly and validates it at start.</summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="sectionName">The configuration section, for example <c>Kwaf:Policy</c>.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<TOptions> AddKwafOptions<TOptions>(
        this IServiceCollection services,
        string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionName, Strict).ValidateOnStart();
}
