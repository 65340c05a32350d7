using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Ingestion;

/// <summary>How events are validated and normalized at ingestion (section <c>Kwaf:Ingestion</c>).</summary>
internal sealed class IngestionOptions
{
    /// <summary>Configuration section: <c>Kwaf:Ingestion</c>.</summary>
    public const string SectionName = "Kwaf:Ingestion";

    /// <summary>
    /// How far an event time may lie ahead of the clock. Times within it are clamped to now; times beyond it are
    /// rejected naming <c>time</c>. Default: 5 minutes; valid range 0 to 1 day.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How the backend reads paths (see <see cref="Paths.PathProfile"/>). Default: Unix.</summary>
    public PathProfile PathProfile { get; set; } = PathProfile.Unix;
}
