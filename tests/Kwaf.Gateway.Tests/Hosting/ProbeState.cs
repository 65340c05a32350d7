namespace Kwaf.Gateway.Tests.Hosting;

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }
}
