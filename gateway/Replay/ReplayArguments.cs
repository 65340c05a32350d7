using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kwaf.Gateway.Ingestion.AccessLogs;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// The command line of <c>replay FILE [--format auto|combined|common|json] [--top N] [--json]
/// [--config FILE] [--all]</c>.
/// </summary>
internal sealed record ReplayArguments(
    string File,
    AccessLogFormat Format,
    int Top,
    bool Json,
    string? ConfigFile,
    bool All)
{
    public const string Usage =
        "usage: kwaf replay FILE [--format auto|combined|common|json] [--top N] [--json] "
        + "[--config SETTINGS.json] [--all]";

    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out ReplayArguments? parsed,
        [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        string? file = null;
        var format = AccessLogFormat.Auto;
        var top = 20;
        var json = false;
        string? config = null;
        var all = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--all":
                    all = true;
                    break;
                case "--format" when i + 1 < args.Count && TryParseFormat(args[i + 1], out format):
                    i++;
                    break;
                case "--format":
                    error = "--format must be one of auto, combined, common, json";
                    return false;
                case "--top" when i + 1 < args.Count
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out top):
                    i++;
                    break;
                case "--config" when i + 1 < args.Count:
                    config = args[++i];
                    break;
                case "--config":
                    error = "--config needs a settings file (JSON in the appsettings.json layout)";
                    return false;
                case "--top":
                    error = "--top must be a whole number, 0 or more (0 lists every subject above ok)";
                    return false;
                case var arg when arg.StartsWith("--", StringComparison.Ordinal):
                    error = $"unknown option {arg}";
                    return false;
                case var arg when file is null:
                    file = arg;
                    break;
                default:
                    error = $"unexpected argument {args[i]}: give one file";
                    return false;
            }
        }

        if (file is null)
        {
            error = "FILE is missing";
            return false;
        }

        parsed = new ReplayArguments(file, format, top, json, config, all);
        error = null;
        return true;
    }

    private static bool TryParseFormat(string text, out AccessLogFormat format)
    {
        format = text switch
        {
            "auto" => AccessLogFormat.Auto,
            "combined" => AccessLogFormat.Combined,
            "common" => AccessLogFormat.Common,
            "json" => AccessLogFormat.Json,
            _ => (AccessLogFormat)(-1),
        };
        return Enum.IsDefined(format);
    }
}
