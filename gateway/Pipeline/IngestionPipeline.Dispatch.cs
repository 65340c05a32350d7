using Kwaf.Events;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    private async Task DispatchAsync(List<HttpEvent> round)
    {
        var bySubject = GroupBySubject(round);
        var calls = new (SubjectKey Key, Task Call)[bySubject.Count];
        var progress = new RoundProgress();
        var i = 0;
        foreach (var (key, events) in bySubject)
        {
            calls[i++] = (key, SendAfterEarlierAsync(key, events, progress));
        }

        var count = round.Count;
        var delivered = Task.WhenAll(calls.Select(static call => call.Call));
        _ = delivered.ContinueWith(
            _ =>
            {
                _counters.Dispatched(count);
                Complete(count);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (!await CompletesWhileProgressingAsync(delivered, progress).ConfigureAwait(false))
        {
            LeaveSlowCalls(calls);
        }
    }

    /// <summary>
    /// Waits for a round as long as its calls keep completing: a large round under load takes longer than
    /// <see cref="PipelineOptions.MaxRoundWait"/> only because the machine is busy, and leaving its calls then would
    /// track thousands of healthy subjects as slow. The round is left once a whole <c>MaxRoundWait</c> passes in
    /// which none of its calls completed: what is still out then waits on something other than the CPU.
    /// </summary>
    private async Task<bool> CompletesWhileProgressingAsync(Task delivered, RoundProgress progress)
    {
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

    private void LeaveSlowCalls((SubjectKey Key, Task Call)[] calls)
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

    // Never throws: SendAsync counts and logs its own failures, so a chained call always goes ahead.
    private async Task SendAfterEarlierAsync(SubjectKey key, List<HttpEvent> events, RoundProgress progress)
    {
        if (_slowSubjects.TryGetValue(key, out var earlier))
        {
            await earlier.ConfigureAwait(false);
        }

        await SendAsync(key, events).ConfigureAwait(false);
        progress.OneCompleted();
    }

    private Dictionary<SubjectKey, List<HttpEvent>> GroupBySubject(List<HttpEvent> round)
    {
        var bySubject = new Dictionary<SubjectKey, List<HttpEvent>>();
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
            events = [];
            bySubject.Add(key, events);
        }

        events.Add(evt);
    }

    private async Task SendAsync(SubjectKey key, List<HttpEvent> events)
    {
        try
        {
            if (await IngestAsync(key, events).ConfigureAwait(false) == IngestOutcome.AtCapacity)
            {
                await FoldAsync(key, events).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // A failed delivery loses these events for this subject only; it is counted and logged, and the
            // dispatcher goes on with the next round rather than stalling every other subject behind it.
            _counters.DispatchFailed(events.Count);
            Log.DispatchFailed(_logger, ex, key.ToGrainKey(), events.Count);
        }
    }

    /// <summary>How many of a round's calls have completed, for telling a busy round from a stuck one.</summary>
    private sealed class RoundProgress
    {
        private long _completed;

        public long Completed => Interlocked.Read(ref _completed);

        public void OneCompleted() => Interlocked.Increment(ref _completed);
    }
}
