using System.Text.Json;

namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>
/// Reads <c>POST /events</c> bodies with <see cref="Utf8JsonReader"/> (no reflection): one object, an array of
/// objects, or NDJSON (one object per line, blank lines ignored). Positions are 0-based item indexes (for NDJSON,
/// the index among non-blank lines). A bad item is one rejection and its neighbors still come through; for field
/// rules see <see cref="JsonEventObject"/>. Limit: in a JSON array, a syntax error ends the array (the reader cannot
/// resynchronize inside broken JSON), so the items after it are reported as one rejection at the failing position;
/// NDJSON recovers at the next line. Limits: an NDJSON line longer than the line limit is rejected on its own
/// (field <c>line</c>) without being parsed; a body with more items than the item limit is not read past the first
/// item over it and the result says so (<see cref="JsonReadResult.OverItemLimit"/>), so that the caller refuses the
/// whole body (a syntax error right after the last item allowed is still reported, as one more item). Never throws
/// for any input.
/// </summary>
internal static class JsonEventReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Reads a body with no item or line limit (the size of the body bounds the work).</summary>
    public static JsonReadResult Read(ReadOnlySpan<byte> utf8Body, bool ndjson) =>
        Read(utf8Body, ndjson, int.MaxValue, int.MaxValue);

    /// <summary>Reads a body, stopping at the first item over <paramref name="maxItems"/>.</summary>
    /// <param name="utf8Body">The request body.</param>
    /// <param name="ndjson">True for one object per line.</param>
    /// <param name="maxItems">Most items (array elements or non-blank lines) the body may hold.</param>
    /// <param name="maxLineBytes">Longest NDJSON line, in bytes, surrounding blanks excluded.</param>
    public static JsonReadResult Read(ReadOnlySpan<byte> utf8Body, bool ndjson, int maxItems, int maxLineBytes)
    {
        var items = new ItemList();
        var overLimit = Read(utf8Body, ndjson, maxItems, maxLineBytes, items);
        return new JsonReadResult(items.Items, overLimit);
    }

    /// <summary>
    /// Reads a body into <paramref name="sink"/>, item by item, stopping at the first item over
    /// <paramref name="maxItems"/>.
    /// </summary>
    /// <returns>True when the body held more than <paramref name="maxItems"/> items: the sink has then seen only
    /// those before the limit, and the caller refuses the whole body.</returns>
    public static bool Read(
        ReadOnlySpan<byte> utf8Body,
        bool ndjson,
        int maxItems,
        int maxLineBytes,
        IJsonItemSink sink)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        ArgumentNullException.ThrowIfNull(sink);
        utf8Body = SkipBom(utf8Body);
        return ndjson
            ? ReadLines(utf8Body, sink, maxItems, maxLineBytes)
            : ReadDocument(utf8Body, sink, maxItems);
    }

    /// <summary>Reads exactly one object (an NDJSON line or an nginx JSON log line).</summary>
    /// <param name="utf8Json">The object's text.</param>
    /// <param name="position">The position a rejection names.</param>
    /// <param name="reuse">A draft to clear and read into, or null for a new one.</param>
    public static JsonReadItem ReadSingle(ReadOnlySpan<byte> utf8Json, long position, EventDraft? reuse = null)
    {
        var item = new OneItem(reuse);
        ReadSingle(utf8Json, position, item);
        return item.Item!;
    }

    private static void ReadSingle(ReadOnlySpan<byte> utf8Json, long position, IJsonItemSink sink)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                sink.Rejected(new Rejection(position, "body", "expected a JSON object"));
                return;
            }

            var draft = sink.NextDraft();
            var error = JsonEventObject.Read(ref reader, draft);
            if (reader.Read())
            {
                sink.Rejected(new Rejection(position, "body", "unexpected data after the JSON object"));
            }
            else if (error is { } e)
            {
                sink.Rejected(new Rejection(position, e.Field, e.Reason));
            }
            else
            {
                sink.Read(position, draft);
            }
        }
        catch (JsonException ex)
        {
            sink.Rejected(new Rejection(position, "body", Describe(ex)));
        }
    }

    /// <returns>True when the body held more than <paramref name="maxItems"/> non-blank lines.</returns>
    private static bool ReadLines(ReadOnlySpan<byte> body, IJsonItemSink sink, int maxItems, int maxLineBytes)
    {
        long position = 0;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range].Trim("\r\t "u8);
            if (line.IsEmpty)
            {
                continue;
            }

            if (position == maxItems)
            {
                return true;
            }

            if (line.Length > maxLineBytes)
            {
                sink.Rejected(new Rejection(position, "line", $"longer than {maxLineBytes} bytes"));
            }
            else
            {
                ReadSingle(line, position, sink);
            }

            position++;
        }

        return false;
    }

    /// <returns>True when an array held more than <paramref name="maxItems"/> elements.</returns>
    private static bool ReadDocument(ReadOnlySpan<byte> body, IJsonItemSink sink, int maxItems)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        long position = 0;
        try
        {
            if (!reader.Read())
            {
                sink.Rejected(new Rejection(0, "body", "empty body"));
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                // The position moves on only once the object is read: a syntax error inside it is item 0.
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadObject(ref reader, position, sink);
                }
                else
                {
                    sink.Rejected(new Rejection(position, "body", "expected a JSON object or an array of objects"));
                }

                position++;
                ReadEnd(ref reader);
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (position == maxItems)
                {
                    return true;
                }

                ReadArrayElement(ref reader, position, sink);
                position++;
            }

            ReadEnd(ref reader);
        }
        catch (JsonException ex)
        {
            sink.Rejected(new Rejection(position, "body", Describe(ex)));
        }

        return false;
    }

    private static void ReadArrayElement(ref Utf8JsonReader reader, long position, IJsonItemSink sink)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadObject(ref reader, position, sink);
            return;
        }

        reader.Skip();
        sink.Rejected(new Rejection(position, "body", "expected a JSON object"));
    }

    private static void ReadObject(ref Utf8JsonReader reader, long position, IJsonItemSink sink)
    {
        var draft = sink.NextDraft();
        if (JsonEventObject.Read(ref reader, draft) is { } e)
        {
            sink.Rejected(new Rejection(position, e.Field, e.Reason));
        }
        else
        {
            sink.Read(position, draft);
        }
    }

    private static void ReadEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("unexpected data after the JSON value");
        }
    }

    // Only the byte position is reported: the exception message may quote the content, which is never echoed.
    private static string Describe(JsonException ex) =>
        ex.BytePositionInLine is { } at ? $"malformed JSON{Rejection.LocationMark}{at}" : "malformed JSON";

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;

    /// <summary>Keeps every item, each with a draft of its own: for callers that want the whole body at once.</summary>
    private sealed class ItemList : IJsonItemSink
    {
        public List<JsonReadItem> Items { get; } = [];

        public EventDraft NextDraft() => new();

        public void Read(long position, EventDraft draft) => Items.Add(new JsonReadItem(position, draft, null));

        public void Rejected(Rejection rejection) => Items.Add(new JsonReadItem(rejection.Position, null, rejection));
    }

    /// <summary>Keeps the one item of a single object, read into a given draft or a new one.</summary>
    private sealed class OneItem(EventDraft? reuse) : IJsonItemSink
    {
        public JsonReadItem? Item { get; private set; }

        public EventDraft NextDraft()
        {
            reuse?.Clear();
            return reuse ?? new EventDraft();
        }

        public void Read(long position, EventDraft draft) => Item = new JsonReadItem(position, draft, null);

        public void Rejected(Rejection rejection) => Item = new JsonReadItem(rejection.Position, null, rejection);
    }
}
