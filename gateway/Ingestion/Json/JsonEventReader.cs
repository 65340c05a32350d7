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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        var items = new List<JsonReadItem>();
        utf8Body = SkipBom(utf8Body);
        var overLimit = ndjson
            ? ReadLines(utf8Body, items, maxItems, maxLineBytes)
            : ReadDocument(utf8Body, items, maxItems);
        return new JsonReadResult(items, overLimit);
    }

    /// <summary>Reads exactly one object (an NDJSON line or an nginx JSON log line).</summary>
    public static JsonReadItem ReadSingle(ReadOnlySpan<byte> utf8Json, long position)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Reject(position, "body", "expected a JSON object");
            }

            var item = ReadObject(ref reader, position);
            return reader.Read() ? Reject(position, "body", "unexpected data after the JSON object") : item;
        }
        catch (JsonException ex)
        {
            return Reject(position, "body", Describe(ex));
        }
    }

    /// <returns>True when the body held more than <paramref name="maxItems"/> non-blank lines.</returns>
    private static bool ReadLines(ReadOnlySpan<byte> body, List<JsonReadItem> items, int maxItems, int maxLineBytes)
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

            items.Add(line.Length > maxLineBytes
                ? Reject(position, "line", $"longer than {maxLineBytes} bytes")
                : ReadSingle(line, position));
            position++;
        }

        return false;
    }

    /// <returns>True when an array held more than <paramref name="maxItems"/> elements.</returns>
    private static bool ReadDocument(ReadOnlySpan<byte> body, List<JsonReadItem> items, int maxItems)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        long position = 0;
        try
        {
            if (!reader.Read())
            {
                items.Add(Reject(0, "body", "empty body"));
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                // The position moves on only once the object is read: a syntax error inside it is item 0.
                items.Add(reader.TokenType == JsonTokenType.StartObject
                    ? ReadObject(ref reader, position)
                    : Reject(position, "body", "expected a JSON object or an array of objects"));
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

                items.Add(ReadArrayElement(ref reader, position));
                position++;
            }

            ReadEnd(ref reader);
        }
        catch (JsonException ex)
        {
            items.Add(Reject(position, "body", Describe(ex)));
        }

        return false;
    }

    private static JsonReadItem ReadArrayElement(ref Utf8JsonReader reader, long position)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadObject(ref reader, position);
        }

        reader.Skip();
        return Reject(position, "body", "expected a JSON object");
    }

    private static JsonReadItem ReadObject(ref Utf8JsonReader reader, long position)
    {
        var draft = new EventDraft();
        var error = JsonEventObject.Read(ref reader, draft);
        return error is { } e ? Reject(position, e.Field, e.Reason) : new JsonReadItem(position, draft, null);
    }

    private static void ReadEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("unexpected data after the JSON value");
        }
    }

    private static JsonReadItem Reject(long position, string field, string reason) =>
        new(position, null, new Rejection(position, field, reason));

    // Only the byte position is reported: the exception message may quote the content, which is never echoed.
    private static string Describe(JsonException ex) =>
        ex.BytePositionInLine is { } at ? $"malformed JSON near byte {at}" : "malformed JSON";

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> body) =>
        body.StartsWith("\uFEFF"u8) ? body[3..] : body;
}
