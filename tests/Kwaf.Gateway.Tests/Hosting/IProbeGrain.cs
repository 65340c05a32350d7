namespace Kwaf.Gateway.Tests.Hosting;

/// <summary>A test grain that keeps one string in the <c>subjects</c> storage.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();
}
