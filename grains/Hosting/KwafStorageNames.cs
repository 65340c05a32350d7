namespace Kwaf.Grains.Hosting;

/// <summary>The grain storage names the grains keep their state in (keyed <c>IGrainStorage</c> services).</summary>
internal static class KwafStorageNames
{
    /// <summary>State of subject grains (client IPs and users).</summary>
    public const string Subjects = "subjects";

    /// <summary>State of decision grains.</summary>
    public const string Decisions = "decisions";

    /// <summary>Every storage name the silo registers.</summary>
    public static readonly IReadOnlyList<string> All = [Subjects, Decisions];
}
