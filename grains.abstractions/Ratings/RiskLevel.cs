namespace Kwaf.Ratings;

/// <summary>The band a score falls in: ok below 30, suspicious below 60, high below 80, critical from 80.</summary>
public enum RiskLevel
{
    /// <summary>Score below 30.</summary>
    Ok = 0,

    /// <summary>Score from 30 to below 60.</summary>
    Suspicious = 1,

    /// <summary>Score from 60 to below 80.</summary>
    High = 2,

    /// <summary>Score 80 and above.</summary>
    Critical = 3,
}
