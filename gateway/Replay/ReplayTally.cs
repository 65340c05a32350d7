using Kwaf.Events;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Replay;

/// <summary>Counts what a replay read: lines, acceptances, and rejections by reason with first line numbers.</summary>
internal sealed class ReplayTally
{
    private const int LinesKeptPerReason = 5;

    private readonly SortedDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IReadOnlyList<long>> _firstLines = new(StringComparer.Ordinal);
    private readonly HashSet<SubjectKey> _subjects = [];
    private long _ipSubjects;
    private long _userSubjects;
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

    /// <summary>Every subject the accepted events named.</summary>
    public IReadOnlyCollection<SubjectKey> Subjects => _subjects;

    /// <param name="evt">The accepted event.</param>
    /// <param name="subjectIp">Its IP subject; null for an unattributed event, which counts for no IP.</param>
    public void Accept(HttpEvent evt, string? subjectIp)
    {
        _accepted++;
        if ((evt.Traits & RequestTraits.InvalidEncoding) != 0)
        {
            _invalidEncoding++;
        }

        if (subjectIp is null)
        {
            _unattributed++;
        }
        else if (_subjects.Add(SubjectKey.ForIp(subjectIp)))
        {
            _ipSubjects++;
        }

        if (evt.UserId is not null && _subjects.Add(SubjectKey.ForUser(evt.UserId)))
        {
            _userSubjects++;
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
        var key = field + ": " + reason;
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

    public ReplayReport ToReport(string file, double seconds, ReplaySubjects subjects, long folded, long unrated)
    {
        return new ReplayReport(
            file,
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
            _ipSubjects,
            _userSubjects,
            folded,
            unrated,
            subjects.ByLevel,
            subjects.ByDecision,
            subjects.Listed);
    }
}
