using Kwaf.Events;
using Kwaf.Gateway.Ingestion;

namespace Kwaf.Gateway.Replay;

/// <summary>Counts what a replay read: lines, acceptances, and rejections by reason with first line numbers.</summary>
internal sealed class ReplayTally
{
    private const int LinesKeptPerReason = 5;

    private readonly SortedDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IReadOnlyList<long>> _firstLines = new(StringComparer.Ordinal);
    private long _lines;
    private long _accepted;
    private long _rejected;
    private long _invalidEncoding;
    private long _unattributed;

    public DateTimeOffset? FirstEventTime { get; private set; }

    public DateTimeOffset? LastEventTime { get; private set; }

    public long NextLine() => ++_lines;

    /// <summary>Lines read so far.</summary>
    public long Lines => _lines;

    /// <param name="evt">The accepted event; an unattributed one counts for no IP.</param>
    public void Accept(HttpEvent evt)
    {
        _accepted++;
        if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
        {
            _invalidEncoding++;
        }

        if ((evt.Traits & RequestTraits.Unattributed) != 0)
        {
            _unattributed++;
        }

        FirstEventTime ??= evt.Time;
        if (LastEventTime is null || evt.Time > LastEventTime)
        {
            LastEventTime = evt.Time;
        }
    }

    public void Reject(long line, string field, string reason)
    {
        _rejected++;
        var key = Rejection.CountingKey(field, reason);
        _rejectedByReason[key] = _rejectedByReason.GetValueOrDefault(key) + 1;
        if (!_firstLines.TryGetValue(key, out var lines))
        {
            _firstLines[key] = new List<long> { line };
        }
        else if (lines.Count < LinesKeptPerReason)
        {
            ((List<long>)lines).Add(line);
        }
    }

    /// <summary>Why the file was not read to its end, with the last line read; null when it was read whole.</summary>
    public string? ReadError { get; private set; }

    /// <summary>Records that the file could not be read past the lines counted so far.</summary>
    public void Incomplete(string error) =>
        ReadError = $"the file could not be read to its end: {error}; line {_lines} was the last read";

    /// <summary>The report of the whole replay.</summary>
    /// <param name="file">The log read.</param>
    /// <param name="seconds">Wall time of the read.</param>
    /// <param name="subjects">The rated subjects.</param>
    /// <param name="engine">The engine that rated them: its census of subjects and its folds.</param>
    public ReplayReport ToReport(string file, double seconds, ReplaySubjects subjects, ReplayEngine engine)
    {
        return new ReplayReport(
            file,
            ReadError,
            _lines,
            _accepted,
            _rejected,
            _invalidEncoding,
            _unattributed,
            _rejectedByReason,
            _firstLines,
            Math.Round(seconds, 3),
            seconds > 0 ? Math.Round(_lines / seconds) : _lines,
            FirstEventTime,
            LastEventTime,
            engine.IpSubjects,
            engine.UserSubjects,
            engine.Folded,
            engine.Unrated,
            subjects.ByLevel,
            subjects.ByDecision,
            subjects.Listed);
    }
}
