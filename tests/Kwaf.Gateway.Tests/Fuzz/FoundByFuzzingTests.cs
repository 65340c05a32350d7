using System.Text;
using Kwaf.Gateway.Ingestion.Json;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>The faults the property tests found, each kept as a plain example.</summary>
public sealed class FoundByFuzzingTests
{
    [Fact]
    public void Read_SingleObjectBrokenInside_ReportsItAsItemZero()
    {
        var body = Encoding.UTF8.GetBytes("{\"ip\":\"203.0.113.5\",\"path\":\"/x\" \"status\":200}");

        var read = JsonEventReader.Read(body, ndjson: false);

        var item = Assert.Single(read.Items);
        Assert.Equal(0, item.Position);
        Assert.Equal("body", item.Rejection!.Field);
    }
}
