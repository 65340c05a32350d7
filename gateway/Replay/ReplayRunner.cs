using Kwaf.Events;
using Kwaf.Gateway.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Feeds a whole access log through the same normalization as live events and rates it with the subjects' own code
/// in this process (<see cref="ReplayEngine"/>), with the log's own timestamps as the clock, then reports what it read
/// and how it rated every subject. A line longer than
/// <see cref="EventsOptions.MaxLineBytes"/> is rejected with its line number and the lines after it are still read.
/// </summary>
internal sealed class ReplayRunner(
    EventNormalizer normalizer,
    ReplayEngine engine,
    ReplaySubjectCollector collector,
    IOptions<EventsOptions> options,
    TimeProvider time)
{
    public ReplayReport Run(ReplayArguments arguments, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var tally = new ReplayTally();
        using (var reader = LineReader.Open(arguments.File, options.Value.MaxLineBytes))
        {
            ReadAll(reader, arguments.Format, tally, cancellationToken);
            if (reader.ReadError is { } error)
            {
                tally.Incomplete(error);
            }
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        var subjects = collector.Collect(arguments.Top, arguments.All);
        return tally.ToReport(arguments.File, seconds, subjects, engine);
    }

    private void ReadAll(
        LineReader reader,
        AccessLogFormat format,
        ReplayTally tally,
        CancellationToken cancellationToken)
    {
        // One draft for the whole file: the normalizer's event keeps nothing of it.
        var draft = new EventDraft();
        while (true)
        {
            var evt = ReadNext(reader, format, draft, tally, out var endOfFile);
            if (endOfFile)
            {
                return;
            }

            if (evt is not null)
            {
                engine.Ingest(evt);
            }

            if ((tally.Lines & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Reads and parses one line; null when the line was rejected (the tally records why).</summary>
    private HttpEvent? ReadNext(
        LineReader reader,
        AccessLogFormat format,
        EventDraft reuse,
        ReplayTally tally,
        out bool endOfFile)
    {
        endOfFile = !reader.TryReadLine(out var line, out var truncated);
        if (endOfFile)
        {
            return null;
        }

        var number = tally.NextLine();
        if (truncated)
        {
            tally.Reject(number, "line", $"longer than {reader.MaxLineBytes} bytes");
            return null;
        }

        if (line.Trim((byte)' ').IsEmpty)
        {
            tally.Reject(number, "line", "blank line");
            return null;
        }

        // In auto format each line is read as what it is (a JSON object, or a combined or common line), so a log that
        // mixes them, or one stray line of the other kind, costs only the lines that are bad themselves.
        if (!AccessLogParser.TryParse(line, format, reuse, out var draft, out var reason))
        {
            tally.Reject(number, "line", reason);
            return null;
        }

        // A historical log has no "now": the clock is the log's own time, so no line is ever in the future.
        var now = draft.Time ?? tally.LastEventTime ?? DateTimeOffset.UnixEpoch;
        if (!normalizer.TryNormalize(draft, number, now, out var evt, out var rejection))
        {
            tally.Reject(number, rejection.Field, rejection.Reason);
            return null;
        }

        tally.Accept(evt);
        return evt;
    }
}
