namespace Kwaf.Gateway.Ingestion.Paths;

/// <summary>How the protected backend reads paths, which decides what counts as the same path.</summary>
internal enum PathProfile
{
    /// <summary>Backslash and trailing dots are ordinary characters (kept, and flagged as evasion shapes).</summary>
    Unix,

    /// <summary>Backslash separates segments and trailing dots of a segment are ignored, as on Windows/IIS.</summary>
    Windows,
}
