using System.Text;
using CsCheck;
using Kwaf.Gateway.Ingestion.Json;

namespace Kwaf.Gateway.Tests.Fuzz;

/// <summary>
/// POST /events bodies (one object, an array, NDJSON) built from valid events and then mutated: nothing throws,
/// every item is an event or a rejection with field and reason, limits hold, and accepted events satisfy the event
/// invariants.
/// </summary>
public sealed class EventJsonPropertyTests
{
    private const int MaxItems = 5;
    private const int MaxLineBytes = 2048;

    private static readonly Gen<string[]> Objects = EventGen.Object.Array[1, 8];

    [Fact]
    public Task ReadSingle_MutatedEvent_EventOrExplainedRejection() =>
        Fuzz.SampleAsync(Fuzz.Mutated(EventGen.Object), static body =>
        {
            var item = JsonEventReader.ReadSingle(body, 3);
            return item.Position == 3 && (item.Draft is null
                ? Invariants.Explains(item.Rejection)
                : Invariants.Normalized(item.Draft, Invariants.Normalizer));
        }, 3000);

    [Fact]
    public Task Read_MutatedArray_ItemsInOrderWithinLimits() =>
        Fuzz.SampleAsync(
            Fuzz.Mutated(Objects.Select(static items => "[" + string.Join(',', items) + "]")),
            static body => Holds(JsonEventReader.Read(body, ndjson: false, MaxItems, MaxLineBytes)),
            1500);

    [Fact]
    public Task Read_MutatedNdjson_ItemsInOrderWithinLimits() =>
        Fuzz.SampleAsync(Fuzz.Mutated(Objects.Select(static items => string.Join('\n', items))), static body =>
            Holds(JsonEventReader.Read(body, ndjson: true, MaxItems, MaxLineBytes)), 1500);

    [Fact]
    public Task Read_ValidNdjson_EveryLineIsOneItem() =>
        Fuzz.SampleAsync(Objects, static items =>
        {
            var body = Encoding.UTF8.GetBytes(string.Join("\r\n", items) + "\n\n");
            var read = JsonEventReader.Read(body, ndjson: true, MaxItems, int.MaxValue);
            var expected = Math.Min(items.Length, MaxItems);
            return read.Items.Count == expected && read.OverItemLimit == items.Length > MaxItems;
        }, 500);

    private static bool Holds(JsonReadResult read)
    {
        // Past the limit only a syntax error may still be reported: it ends the body, so it is one more item at most.
        var events = read.Items.Count > MaxItems && read.Items[MaxItems].Rejection?.Field == "body"
            ? read.Items.Count - 1
            : read.Items.Count;
        Assert.True(events <= MaxItems, $"{read.Items.Count} items over the limit of {MaxItems}");
        Assert.True(!read.OverItemLimit || read.Items.Count == MaxItems, "over the limit before reaching it");
        for (var i = 0; i < read.Items.Count; i++)
        {
            var item = read.Items[i];
            Assert.True(item.Position == i, $"item {i} at position {item.Position}");
            Assert.True((item.Draft is null) != (item.Rejection is null), $"item {i} is both or neither");
            var holds = item.Draft is null
                ? Invariants.Explains(item.Rejection)
                : Invariants.Normalized(item.Draft, Invariants.Normalizer);
            Assert.True(holds, $"item {i}: unexplained rejection");
        }

        return true;
    }
}
