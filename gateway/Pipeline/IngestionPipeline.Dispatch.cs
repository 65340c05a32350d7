using Kwaf.Events;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    /// <summary>
    /// Sends one round and waits for it as long as it makes progress. The lookup by subject and the table of calls are
    /// kept from round to round: a round of tens of thousands of subjects would otherwise put megabytes of new
    /// arrays on the large object heap each time, which only a full collection frees.
    /// </summary>
    private async Task DispatchAsync(List<HttpEvent> round)
    {
        var bySubject = GroupBySubject(round);
        var progress = new RoundProgress(bySubject.Count);
        if (_calls.Length < bySubject.Count)
        {
            _calls = new (SubjectKey Key, Task Call)[Math.Max(bySubject.Count, _calls.Length * 2)];
        }

        var calls = _calls.AsMemory(0, bySubject.Count);
        var i = 0;
        foreach (var (key, events) in bySubject)
        {
            calls.Span[i++] = (key, SendAfterEarlierAsync(key, events, progress));
        }

        bySubject.Clear();
        var count = round.Count;
        _ = progress.Delivered.ContinueWith(
            _ =>
            {
                _counters.Dispatched(count);
                Complete(count);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (!await CompletesWhileProgressingAsync(progress).ConfigureAwait(false))
        {
            LeaveSlowCalls(calls.Span);
        }

        // The calls are done or tracked as slow: the table keeps none of them alive.
        calls.Span.Clear();
    }

    /// <summary>
    /// Waits for a round as long as its calls keep completing: a large round under load takes longer than
    /// <see cref="PipelineOptions.MaxRoundWait"/> only because the machine is busy, and leaving its calls then would
    /// track thousands of healthy subjects as slow. The round is left once a whole <c>MaxRoundWait</c> passes in
    /// which none of its calls completed: what is still out then waits on something other than the CPU.
    /// </summary>
    private async Task<bool> CompletesWhileProgressingAsync(RoundProgress progress)
    {
        var delivered = progress.Delivered;
        if (delivered.IsCompleted)
        {
            return true;
        }

        using var cancel = new CancellationTokenSource();
        var seen = progress.Completed;
        while (true)
        {
            var wait = Task.Delay(_options.MaxRoundWait, _time, cancel.Token);
            if (await Task.WhenAny(delivered, wait).ConfigureAwait(false) == delivered)
            {
                await cancel.CancelAsync().ConfigureAwait(false);
                return true;
            }

            var now = progress.Completed;
            if (now == seen)
            {
                return false;
            }

            seen = now;
        }
    }

    private void LeaveSlowCalls(ReadOnlySpan<(SubjectKey Key, Task Call)> calls)
    {
        var slow = 0;
        foreach (var (key, call) in calls)
        {
            if (call.IsCompleted)
            {
                continue;
            }

            slow++;
            _slowSubjects[key] = call;
            _ = call.ContinueWith(
                done => _slowSubjects.TryRemove(new KeyValuePair<SubjectKey, Task>(key, done)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _counters.SlowDeliveries(slow);
        Log.SlowSubjectsLeft(_logger, slow, _options.MaxRoundWait);
    }

    /// <summary>
    /// Delivers a subject's events of one round, after its call of an earlier round if that one was left slow. Never
    /// throws: a failed delivery loses these events for this subject only; it is counted and logged, and the
    /// dispatcher goes on rather than stalling every other subject behind it.
    /// </summary>
    private async Task SendAfterEarlierAsync(SubjectKey key, List<HttpEvent> events, RoundProgress progress)
    {
        if (_slowSubjects.TryGetValue(key, out var earlier))
        {
            // The earlier call never throws either.
            await earlier.ConfigureAwait(false);
        }

        try
        {
            if (await IngestAsync(key, events).ConfigureAwait(false) == IngestOutcome.AtCapacity)
            {
                await FoldAsync(key, events).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _counters.DispatchFailed(events.Count);
            Log.DispatchFailed(_logger, ex, key.ToGrainKey(), events.Count);
        }

        progress.OneCompleted();
    }

    private Dictionary<SubjectKey, List<HttpEvent>> GroupBySubject(List<HttpEvent> round)
    {
        // Empty unless a round failed part way, whose entries must not leak into this one.
        var bySubject = _bySubject;
        bySubject.Clear();
        var subjects = new SubjectKey[SubjectRouting.MaxSubjectsPerEvent];
        foreach (var evt in round)
        {
            if ((evt.Traits & RequestTraits.Unattributed) != 0)
            {
                _counters.ClientIp.UnattributedEvent();
            }

            var count = _routing.SubjectsOf(evt, subjects);
            for (var i = 0; i < count; i++)
            {
                Add(bySubject, subjects[i], evt);
            }
        }

        return bySubject;
    }

    private static void Add(Dictionary<SubjectKey, List<HttpEvent>> bySubject, SubjectKey key, HttpEvent evt)
    {
        if (!bySubject.TryGetValue(key, out var events))
        {
            // Most subjects of a round have one event.
            events = new List<HttpEvent>(1);
            bySubject.Add(key, events);
        }

        events.Add(evt);
    }

    /// <summary>
    /// How many of a round's calls have completed, for telling a busy round from a stuck one, and when all have.
    /// </summary>
    private sealed class RoundProgress
    {
        private readonly TaskCompletionSource _delivered = new();
        private readonly long _calls;
        private long _completed;

        public RoundProgress(int calls)
        {
            _calls = calls;
            if (calls == 0)
            {
                _delivered.SetResult();
            }
        }

        public long Completed => Interlocked.Read(ref _completed);

        /// <summary>Completes when every call of the round has.</summary>
        public Task Delivered => _delivered.Task;

        public void OneCompleted()
        {
            if (Interlocked.Increment(ref _completed) == _calls)
            {
                _delivered.SetResult();
            }
        }
    }
}
