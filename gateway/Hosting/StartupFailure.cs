using System.Net.Sockets;
using System.Text.Json;
using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Hosting;

/// <summary>Turns the errors an operator can fix (a bad setting, a taken address) into one plain message.</summary>
internal static class StartupFailure
{
    /// <summary>Prints a configuration error plainly and exits with status 2; others take the default path.</summary>
    public static void ExitOnConfigurationError(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is Exception ex && IsConfigurationError(ex))
        {
            Console.Error.WriteLine(Describe(ex));
            Environment.Exit(2);
        }
    }

    /// <summary>
    /// Whether the start failed on a setting (validation, or binding, which <see cref="KwafBinding"/> reports as
    /// validation), on a settings file that is not JSON, on a taken address, or on a data folder that another process
    /// holds.
    /// </summary>
    public static bool IsConfigurationError(Exception ex)
    {
        var root = Root(ex);
        return root is OptionsValidationException or SocketException or DataFolderLockException
            or InvalidDataException { InnerException: JsonException or FormatException }
            || IsBindFailure(root);
    }

    public static string Describe(Exception ex)
    {
        var root = Root(ex);
        return root switch
        {
            OptionsValidationException validation =>
                "kwaf: invalid configuration:\n  " + string.Join("\n  ", validation.Failures),
            // A settings file that is not JSON: the file, then where and why.
            InvalidDataException { InnerException: { } inner } =>
                "kwaf: invalid configuration: " + root.Message + " " + (inner.InnerException ?? inner).Message,
            IOException when IsBindFailure(root) =>
                "kwaf: cannot start: " + root.Message + " Choose another address with --urls (or ASPNETCORE_URLS).",
            _ => "kwaf: cannot start: " + root.Message,
        };
    }

    /// <summary>An I/O failure caused by a socket error: a listener that could not bind its address.</summary>
    private static bool IsBindFailure(Exception ex)
    {
        if (ex is not IOException)
        {
            return false;
        }

        for (var cause = ex.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost cause: Orleans wraps a failed start in its own lifecycle exceptions.</summary>
    private static Exception Root(Exception ex)
    {
        for (var cause = ex; cause is not null; cause = cause.InnerException)
        {
            // Kestrel's bind failure names the address ("Failed to bind to address http://127.0.0.1:5080: address
            // already in use."); the socket error inside it does not.
            if (cause is OptionsValidationException or SocketException or DataFolderLockException
                || IsBindFailure(cause))
            {
                return cause;
            }
        }

        return ex is AggregateException { InnerException: { } inner } ? inner : ex;
    }
}
