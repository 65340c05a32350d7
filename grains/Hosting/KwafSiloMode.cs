namespace Kwaf.Grains.Hosting;

/// <summary>How the silo is hosted; it is logged at start.</summary>
internal enum KwafSiloMode
{
    /// <summary>Co-hosted inside the gateway process, localhost clustering.</summary>
    Embedded,

    /// <summary>The standalone silo process (<c>dotnet run --project silo</c>).</summary>
    Standalone,

    /// <summary>An in-process host without HTTP, for replay and tests.</summary>
    InProcess,
}
