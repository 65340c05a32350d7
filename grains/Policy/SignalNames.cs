namespace Kwaf.Grains.Policy;

/// <summary>The lower-kebab names that ratings, reasons and configuration keys use for each detector.</summary>
internal static class SignalNames
{
    /// <summary>The number of detectors.</summary>
    public const int Count = 17;

    /// <summary>The signal's name in ratings and reasons.</summary>
    /// <param name="kind">The detector.</param>
    /// <returns>The name, for example <c>login-brute-force</c>.</returns>
    public static string Of(SignalKind kind) => kind switch
    {
        SignalKind.Probing => "probing",
        SignalKind.AuthFailures => "auth-failures",
        SignalKind.LoginBruteForce => "login-brute-force",
        SignalKind.SensitivePath => "sensitive-path",
        SignalKind.ScannerAgent => "scanner-agent",
        SignalKind.MissingAgent => "missing-agent",
        SignalKind.Injection => "injection",
        SignalKind.EncodedEvasion => "encoded-evasion",
        SignalKind.MalformedRequest => "malformed-request",
        SignalKind.Burst => "burst",
        SignalKind.Crawling => "crawling",
        SignalKind.CredentialStuffing => "credential-stuffing",
        SignalKind.AccountSharing => "account-sharing",
        SignalKind.EndpointConcentration => "endpoint-concentration",
        SignalKind.ExploitSignature => "exploit-signature",
        SignalKind.UnusualRequestLine => "unusual-request-line",
        SignalKind.LoginAttempts => "login-attempts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind."),
    };

    /// <summary>The detector's settings property name under <c>Kwaf:Policy:Detectors</c>.</summary>
    /// <param name="kind">The detector.</param>
    /// <returns>The property name, for example <c>LoginBruteForce</c>.</returns>
    public static string OptionKey(SignalKind kind) => kind.ToString();

    /// <summary>The detector's settings.</summary>
    /// <param name="detectors">All settings.</param>
    /// <param name="kind">The detector.</param>
    /// <returns>Its settings.</returns>
    public static DetectorOptions OptionsOf(DetectorsOptions detectors, SignalKind kind) => kind switch
    {
        SignalKind.Probing => detectors.Probing,
        SignalKind.AuthFailures => detectors.AuthFailures,
        SignalKind.LoginBruteForce => detectors.LoginBruteForce,
        SignalKind.SensitivePath => detectors.SensitivePath,
        SignalKind.ScannerAgent => detectors.ScannerAgent,
        SignalKind.MissingAgent => detectors.MissingAgent,
        SignalKind.Injection => detectors.Injection,
        SignalKind.EncodedEvasion => detectors.EncodedEvasion,
        SignalKind.MalformedRequest => detectors.MalformedRequest,
        SignalKind.Burst => detectors.Burst,
        SignalKind.Crawling => detectors.Crawling,
        SignalKind.CredentialStuffing => detectors.CredentialStuffing,
        SignalKind.AccountSharing => detectors.AccountSharing,
        SignalKind.EndpointConcentration => detectors.EndpointConcentration,
        SignalKind.ExploitSignature => detectors.ExploitSignature,
        SignalKind.UnusualRequestLine => detectors.UnusualRequestLine,
        SignalKind.LoginAttempts => detectors.LoginAttempts,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown signal kind."),
    };
}
