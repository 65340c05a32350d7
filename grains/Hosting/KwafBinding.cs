using Microsoft.Extensions.Configuration;

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
}
