using BenchmarkDotNet.Attributes;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Json;

namespace Kwaf.Bench.Micro;

/// <summary>The event parsers: a 1000-event JSON array (per event) and one combined-format log line.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int ArrayLength = 1000;

    private byte[] _array = [];
    private byte[][] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _array = SampleEvents.JsonArray(ArrayLength);
        _lines = new byte[64][];
        for (var i = 0; i < _lines.Length; i++)
        {
            _lines[i] = SampleEvents.CombinedLine(i);
        }
    }

    /// <summary>Reads the whole array; the figure is per event.</summary>
    [Benchmark(OperationsPerInvoke = ArrayLength)]
    public int JsonEventPerItemInArray() => JsonEventReader.Read(_array, ndjson: false).Items.Count;

    /// <summary>Parses 64 different lines; the figure is per line.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public int CombinedLogLine()
    {
        var parsed = 0;
        foreach (var line in _lines)
        {
            if (AccessLogParser.TryParse(line, AccessLogFormat.Combined, out EventDraft? _, out _))
            {
                parsed++;
            }
        }

        return parsed;
    }
}
