namespace Kwaf.Grains.Policy;

/// <summary>Every detector's settings (section <c>Kwaf:Policy:Detectors</c>), defaults stated per property.</summary>
internal sealed class DetectorsOptions
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    /// <summary>404 answers. Default: 15 in 60 s score 30 points, up to 60.</summary>
    public DetectorOptions Probing { get; set; } = DetectorOptions.Create(OneMinute, 15, 30, 60);

    /// <summary>401/403 answers anywhere. Default: 20 in 5 min score 60 points (high), up to 70.</summary>
    public DetectorOptions AuthFailures { get; set; } = DetectorOptions.Create(TimeSpan.FromMinutes(5), 20, 60, 70);

    /// <summary>401/403 on login-like endpoints. Default: 10 in 60 s score 80 points (critical), up to 100.</summary>
    public DetectorOptions LoginBruteForce { get; set; } = DetectorOptions.Create(OneMinute, 10, 80, 100);

    /// <summary>Sensitive paths. Default: 30 points per hit in 10 min, up to 100 (three hits are critical).</summary>
    public DetectorOptions SensitivePath { get; set; } = DetectorOptions.Create(TenMinutes, 1, 30, 100);

    /// <summary>Scanner or attack-tool user agents. Default: 60 points (high) at the first hit in 10 min.</summary>
    public DetectorOptions ScannerAgent { get; set; } = DetectorOptions.Create(TenMinutes, 1, 60, 60);

    /// <summary>Missing user agent. Default: 10 points at the first hit in 10 min, no more.</summary>
    public DetectorOptions MissingAgent { get; set; } = DetectorOptions.Create(TenMinutes, 1, 10, 10);

    /// <summary>Injection patterns. Default: 30 points per hit in 10 min, up to 100 (3 hits are critical).</summary>
    public DetectorOptions Injection { get; set; } = DetectorOptions.Create(TenMinutes, 1, 30, 100);

    /// <summary>Double encoding, evasion shapes, invalid UTF-8. Default: 5 points per hit in 10 min, max 30.</summary>
    public DetectorOptions EncodedEvasion { get; set; } = DetectorOptions.Create(TenMinutes, 1, 5, 30);

    /// <summary>
    /// Malformed request lines (binary noise, no method). Default: 5 points per hit in 10 min, up to 30.
    /// </summary>
    public DetectorOptions MalformedRequest { get; set; } = DetectorOptions.Create(TenMinutes, 1, 5, 30);

    /// <summary>Non-static requests. Default: 121 in 10 s (over 12 per second) score 40 points, up to 70.</summary>
    public DetectorOptions Burst { get; set; } = DetectorOptions.Create(TimeSpan.FromSeconds(10), 121, 40, 70);

    /// <summary>Distinct non-static endpoints. Default: 61 in 60 s score 30 points, up to 50.</summary>
    public DetectorOptions Crawling { get; set; } = DetectorOptions.Create(OneMinute, 61, 30, 50);

    /// <summary>
    /// Distinct user ids one IP failed to log in as (401 or 403 on a login-like endpoint). Default: 5 in 10 min score
    /// 60 points (high), up to 90. Successful requests do not count, so an office or carrier NAT whose users sign in
    /// normally is not taken for stuffing.
    /// </summary>
    public DetectorOptions CredentialStuffing { get; set; } = DetectorOptions.Create(TenMinutes, 5, 60, 90);

    /// <summary>Distinct IPs of one user id. Default: 6 in 10 min score 40 points, up to 70.</summary>
    public DetectorOptions AccountSharing { get; set; } = DetectorOptions.Create(TenMinutes, 6, 40, 70);

    /// <summary>
    /// Non-static requests while one non-static endpoint holds at least <see cref="DetectorOptions.MinShare"/> of
    /// them. Default: 100 in 10 min with a 0.9 share score 30 points, up to 40.
    /// </summary>
    public DetectorOptions EndpointConcentration { get; set; } = DetectorOptions.Create(TenMinutes, 100, 30, 40);

    /// <summary>
    /// Exploit signatures and shapes in the raw target (worm and overflow payloads). Default: 70 points (high, so
    /// throttled) at the first hit in 10 min and 70 more per hit, up to 100 (two hits are critical).
    /// </summary>
    public DetectorOptions ExploitSignature { get; set; } = DetectorOptions.Create(TenMinutes, 1, 70, 100);

    /// <summary>
    /// Unusual but parsed request lines: absolute-form targets (proxy requests), CONNECT, no protocol version.
    /// Default: 5 points per hit in 10 min, up to 30 (six hits are suspicious).
    /// </summary>
    public DetectorOptions UnusualRequestLine { get; set; } = DetectorOptions.Create(TenMinutes, 1, 5, 30);

    /// <summary>
    /// POSTs to login-like or registration endpoints, whatever the answer (form abuse that succeeds or redirects),
    /// except sign-ins the application attributed to a user (2xx or 3xx naming the user id). Default: 6 in 10 min
    /// score 30 points (suspicious), 5 more per further POST, up to 60 (high) at 12.
    /// </summary>
    public DetectorOptions LoginAttempts { get; set; } = DetectorOptions.Create(TenMinutes, 6, 30, 60);
}
