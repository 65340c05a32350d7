namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>
/// Takes the items of a JSON body one by one as <see cref="JsonEventReader"/> reads them, in input order. The sink
/// hands out the draft each object is read into, so a sink that is done with an item when its call returns can clear
/// and reuse one draft for the whole body instead of keeping one per event.
/// </summary>
internal interface IJsonItemSink
{
    /// <summary>The draft the next object is read into: the sink's own, empty.</summary>
    EventDraft NextDraft();

    /// <summary>An object read without error, at its 0-based position.</summary>
    void Read(long position, EventDraft draft);

    /// <summary>An item that could not be read as an event.</summary>
    void Rejected(Rejection rejection);
}
