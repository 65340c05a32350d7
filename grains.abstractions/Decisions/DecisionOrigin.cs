namespace Kwaf.Decisions;

/// <summary>Who made a decision.</summary>
public enum DecisionOrigin
{
    /// <summary>The rating policy.</summary>
    Policy = 0,

    /// <summary>An operator through the API.</summary>
    Manual = 1,
}
