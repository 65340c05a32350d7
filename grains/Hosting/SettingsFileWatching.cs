namespace Kwaf.Grains.Hosting;

/// <summary>
/// How a kwaf process notices that a settings file changed (the allowlist and other settings reload without a
/// restart). The .NET default watches the whole content root, subfolders included, and the embedded store's data
/// folder lies under it by default: every write to the database and its log woke the watcher's thread, which cost
/// 11-19% of the process's CPU while 100,000 subjects wrote their state. Polling looks at the watched files alone,
/// every four seconds, so a changed settings file takes effect within about four seconds.
/// </summary>
internal static class SettingsFileWatching
{
    /// <summary>The .NET setting that makes file providers poll; an operator's own value is left alone.</summary>
    public const string PollingVariable = "DOTNET_USE_POLLING_FILE_WATCHER";

    /// <summary>
    /// Makes the file providers created after this call poll for changes, unless the environment already says how
    /// they should watch. Call it first thing, before the host builder reads its settings files.
    /// </summary>
    public static void PreferPolling()
    {
        if (Environment.GetEnvironmentVariable(PollingVariable) is null)
        {
            Environment.SetEnvironmentVariable(PollingVariable, "true");
        }
    }
}
