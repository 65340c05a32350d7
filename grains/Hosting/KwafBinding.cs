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
    /// <summary>Binds <typeparamref name="TOptions"/> to a section strictly and validates it at start.</summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="sectionName">The configuration section, for example <c>Kwaf:Policy</c>.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<TOptions> AddKwafOptions<TOptions>(
        this IServiceCollection services,
        string sectionName)
        where TOptions : class
    {
        // As BindConfiguration does: bound on first use, and bound again when the configuration reloads.
        services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(provider =>
            new ConfigurationChangeTokenSource<TOptions>(provider.GetRequiredService<IConfiguration>()));
        return services.AddOptions<TOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                BindStrictly(configuration.GetSection(sectionName), options))
            .ValidateOnStart();
    }

    /// <summary>
    /// Binds <paramref name="options"/> to <paramref name="section"/> strictly. A key that matches no option, or a
    /// value that does not convert, fails as an <see cref="OptionsValidationException"/> that names the key, the value
    /// and where to set it, as a failed validation does, instead of the binder's own message.
    /// </summary>
    /// <typeparam name="TOptions">The options class.</typeparam>
    /// <param name="section">The section, for example <c>Kwaf:Policy</c>.</param>
    /// <param name="options">The options to fill.</param>
    public static void BindStrictly<TOptions>(IConfigurationSection section, TOptions options)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(section);
        try
        {
            section.Bind(options, Strict);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), [Describe(section, ex)]);
        }
    }

    /// <summary>Binder settings that reject unknown keys.</summary>
    /// <param name="options">The binder options to set.</param>
    private static void Strict(BinderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ErrorOnUnknownConfiguration = true;
    }

    /// <summary>
    /// The binder's failure as an operator reads it: the key, what is wrong with it, where to set it.
    /// </summary>
    private static string Describe(IConfigurationSection section, InvalidOperationException ex)
    {
        if (BindingMessages.Conversion().Match(ex.Message) is { Success: true } conversion)
        {
            var key = conversion.Groups["key"].Value;
            var type = conversion.Groups["type"].Value;
            return $"{key} is '{conversion.Groups["value"].Value}', which is not {Expected(type)}{Where(key)}";
        }

        if (BindingMessages.UnknownKeys().Match(ex.Message) is { Success: true } unknown)
        {
            var names = unknown.Groups["names"].Value.Split(", ").Select(static name => name.Trim('\''));
            var keys = names.Select(name => FullKey(section, name));
            return $"{string.Join(", ", keys)}: no such setting (misspelled?); the settings of each section are "
                + "listed under Configuration in the README";
        }

        return $"{section.Path}: {ex.Message}";
    }

    /// <summary>What a value of the named type looks like: the names of an enum, the form of a time span.</summary>
    private static string Expected(string typeName)
    {
        var type = Type.GetType(typeName)
            ?? AppDomain.CurrentDomain.GetAssemblies()
                .Select(assembly => assembly.GetType(typeName))
                .FirstOrDefault(found => found is not null);
        return type switch
        {
            { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(TimeSpan) => "a time span such as 00:05:00 (hh:mm:ss) or 1.00:00:00 (one day)",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) => "a number",
            _ => "a " + typeName,
        };
    }

    /// <summary>The full key of an unknown name: the shortest key under the section that ends with it.</summary>
    private static string FullKey(IConfigurationSection section, string name) =>
        section.AsEnumerable()
            .Select(static pair => pair.Key)
            .Where(key => key.EndsWith(":" + name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(static key => key.Length)
            .FirstOrDefault() ?? $"{section.Path}:{name}";

    private static string Where(string key) =>
        "; set it in appsettings.json or as the environment variable "
        + key.Replace(":", "__", StringComparison.Ordinal);
}
