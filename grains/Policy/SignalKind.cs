namespace Kwaf.Grains.Policy;

/// <summary>
/// The detectors. The numeric value is the signal's index in the persisted signal list, so values are never
/// reordered or reused.
/// </summary>
internal enum SignalKind
{
    /// <summary><c>probing</c>.</summary>
    Probing = 0,

    /// <summary><c>auth-failures</c>.</summary>
    AuthFailures = 1,

    /// <summary><c>login-brute-force</c>.</summary>
    LoginBruteForce = 2,

    /// <summary><c>sensitive-path</c>.</summary>
    SensitivePath = 3,

    /// <summary><c>scanner-agent</c>.</summary>
    ScannerAgent = 4,

    /// <summary><c>missing-agent</c>.</summary>
    MissingAgent = 5,

    /// <summary><c>injection</c>.</summary>
    Injection = 6,

    /// <summary><c>encoded-evasion</c>.</summary>
    EncodedEvasion = 7,

    /// <summary><c>malformed-request</c>.</summary>
    MalformedRequest = 8,

    /// <summary><c>burst</c>.</summary>
    Burst = 9,

    /// <summary><c>crawling</c>.</summary>
    Crawling = 10,

    /// <summary><c>credential-stuffing</c> (client IPs only).</summary>
    CredentialStuffing = 11,

    /// <summary><c>account-sharing</c> (users only).</summary>
    AccountSharing = 12,

    /// <summary><c>endpoint-concentration</c>.</summary>
    EndpointConcentration = 13,

    /// <summary><c>exploit-signature</c>.</summary>
    ExploitSignature = 14,

    /// <summary><c>unusual-request-line</c>.</summary>
    UnusualRequestLine = 15,

    /// <summary><c>login-attempts</c>.</summary>
    LoginAttempts = 16,
}
