using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kwaf.Grains.Audit;

/// <summary>The stored form of a record's signals: a JSON array of <c>{"name": ..., "points": ...}</c>.</summary>
internal static class AuditSignalsJson
{
    public static string Write(IReadOnlyList<AuditSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var signal in signals)
            {
                writer.WriteStartObject();
                writer.WriteString("name", signal.Name);
                writer.WriteNumber("points", signal.Points);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<AuditSignal> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var signals = new List<AuditSignal>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var points = item.GetProperty("points");
            signals.Add(new AuditSignal(
                item.GetProperty("name").GetString() ?? string.Empty,
                points.ValueKind == JsonValueKind.Number
                    ? points.GetDouble()
                    : double.Parse(points.GetString() ?? "0", CultureInfo.InvariantCulture)));
        }

        return signals;
    }
}
