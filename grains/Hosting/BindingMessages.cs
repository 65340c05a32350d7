using System.Text.RegularExpressions;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// The two failures of Microsoft.Extensions.Configuration.Binder that an operator causes, recognized by their text
/// (the binder throws a plain <see cref="InvalidOperationException"/> for both). A binder whose wording changes only
/// loses the rewording: <see cref="KwafBinding"/> then passes its message on as it is.
/// </summary>
internal static partial class BindingMessages
{
    [GeneratedRegex(
        @"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    public static partial Regex Conversion();

    [GeneratedRegex(@"ErrorOnUnknownConfiguration.*were not found on the instance of [^:]+: (?<names>.+)$")]
    public static partial Regex UnknownKeys();
}
