namespace Kwaf.Grains.Hosting;

/// <summary>Identity of the Orleans cluster and of the service whose grain state it stores.</summary>
internal sealed class KwafClusterOptions
{
    /// <summary>The configuration section: <c>Kwaf:Cluster</c>.</summary>
    public const string SectionName = "Kwaf:Cluster";

    /// <summary>
    /// Orleans ClusterId (<c>Kwaf:Cluster:ClusterId</c>). Default <c>kwaf</c>. Not empty. Silos with the same
    /// ClusterId form one cluster; it is not part of stored grain keys.
    /// </summary>
    public string ClusterId { get; set; } = "kwaf";

    /// <summary>
    /// Orleans ServiceId (<c>Kwaf:Cluster:ServiceId</c>). Default <c>kwaf</c>. Not empty. It is part of every
    /// stored grain key: changing it makes all existing grain state invisible, so set it once.
    /// </summary>
    public string ServiceId { get; set; } = "kwaf";
}
