using Kwaf.Grains.Subjects;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Subjects;

public sealed class SubjectTickScheduleTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(8);

    private readonly FakeTimeProvider _clock = new();
    private readonly FakeTimeProvider _host = new(TestEvents.T0);
    private readonly SubjectTickSchedule _schedule;
    private bool _queueTurns;
    private int _queuedTurns;

    public SubjectTickScheduleTests()
    {
        // Turns run where the timer fires, unless a test queues them as the thread pool would.
        _schedule = new SubjectTickSchedule(
            Options.Create(new PersistenceOptions { WriteInterval = Period }),
            _clock,
            _host,
            NullLogger<SubjectTickSchedule>.Instance,
            schedule =>
            {
                if (_queueTurns)
                {
                    _queuedTurns++;
                }
                else
                {
                    schedule.Turn();
                }
            });
    }

    public void Dispose() => _schedule.Dispose();

    [Theory]
    [InlineData(1, 125)]
    [InlineData(8, 1000)]
    [InlineData(30, 1000)]
    [InlineData(600, 1000)]
    public void ResolutionOf_IsAnEighthOfThePeriodFrom100MsTo1S(int periodSeconds, int expectedMilliseconds)
    {
        var resolution = SubjectTickSchedule.ResolutionOf(TimeSpan.FromSeconds(periodSeconds));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), resolution);
    }

    [Fact]
    public void Turn_QuietSubject_IsNeverCalled()
    {
        var subject = new RecordingSubject();
        _schedule.Add(Ticket(subject, workPending: false), Period);

        Pass(Period * 5);

        Assert.Equal(0, subject.Calls);
        Assert.Equal(1, _schedule.Count);
    }

    [Fact]
    public void Turn_WorkPending_CallsOncePerPeriodFromTheFirstDelay()
    {
        var subject = new RecordingSubject();
        _schedule.Add(Ticket(subject, workPending: true), Period / 2);

        Pass((Period / 2) - _schedule.Resolution);
        var beforeFirst = subject.Calls;
        Pass(_schedule.Resolution * 2);
        var afterFirst = subject.Calls;
        Pass(Period * 3);

        Assert.Equal(0, beforeFirst);
        Assert.Equal(1, afterFirst);
        Assert.Equal(4, subject.Calls);
    }

    [Fact]
    public void Turn_WorkBackingOff_WaitsForItsTimeByTheHostClock()
    {
        var subject = new RecordingSubject();
        var ticket = Ticket(subject, workPending: false);
        ticket.WorkFrom = _host.GetUtcNow() + TimeSpan.FromSeconds(20);
        _schedule.Add(ticket, Period);

        Pass(Period * 2);
        var whileBackingOff = subject.Calls;
        _host.Advance(TimeSpan.FromSeconds(20));
        Pass(Period);

        Assert.Equal(0, whileBackingOff);
        Assert.Equal(1, subject.Calls);
    }

    [Fact]
    public void Turn_IdleFromPassedByTheHostClock_CallsTheSubject()
    {
        var subject = new RecordingSubject();
        var ticket = Ticket(subject, workPending: false);
        ticket.IdleFrom = _host.GetUtcNow() + TimeSpan.FromMinutes(15);
        _schedule.Add(ticket, Period);

        Pass(Period);
        var beforeIdle = subject.Calls;
        _host.Advance(TimeSpan.FromMinutes(15));
        Pass(Period);

        Assert.Equal(0, beforeIdle);
        Assert.Equal(1, subject.Calls);
    }

    [Fact]
    public void Turn_ClockJumpsPastIdleFrom_CallsEveryIdleSubjectOnceCallsAreFree()
    {
        var gate = new TaskCompletionSource();
        var subjects = MoreThanTheBound(gate);
        foreach (var subject in subjects)
        {
            var ticket = Ticket(subject, workPending: false);
            ticket.IdleFrom = _host.GetUtcNow() + TimeSpan.FromMinutes(2);
            _schedule.Add(ticket, Period);
        }

        // Both clocks jump two minutes at once, as a test clock does; the turn reads them after the jump.
        _queueTurns = true;
        _clock.Advance(TimeSpan.FromMinutes(2));
        _host.Advance(TimeSpan.FromMinutes(2));
        _queueTurns = false;
        _schedule.Turn();
        var whileBusy = subjects.Count(s => s.Calls > 0);
        gate.SetResult();

        Assert.Equal(1, _queuedTurns);
        Assert.Equal(SubjectTickSchedule.MaxTicksInFlight, whileBusy);
        Assert.All(subjects, s => Assert.Equal(1, s.Calls));
    }

    [Fact]
    public void Turn_CancelledTicket_IsDroppedWithoutACall()
    {
        var subject = new RecordingSubject();
        var ticket = Ticket(subject, workPending: true);
        _schedule.Add(ticket, Period);
        ticket.Cancel();

        Pass(Period * 2);

        Assert.Equal(0, subject.Calls);
        Assert.Equal(0, _schedule.Count);
    }

    [Fact]
    public void Turn_TickStillRunning_DoesNotCallAgainUntilItEnds()
    {
        var subject = new RecordingSubject { Pending = new TaskCompletionSource() };
        _schedule.Add(Ticket(subject, workPending: true), Period);

        Pass(Period * 3);
        var whileRunning = subject.Calls;
        subject.Pending.SetResult();
        subject.Pending = null;
        Pass(Period);

        Assert.Equal(1, whileRunning);
        Assert.Equal(2, subject.Calls);
    }

    [Fact]
    public void Turn_MoreDueThanTheBound_StartsTheRestAsRunningTicksEnd()
    {
        var gate = new TaskCompletionSource();
        var subjects = MoreThanTheBound(gate);
        foreach (var subject in subjects)
        {
            _schedule.Add(Ticket(subject, workPending: true), Period);
        }

        Pass(Period);
        var firstRound = subjects.Count(s => s.Calls > 0);

        // The clock stands still: the ticks that end start the deferred subjects, not the next slot.
        gate.SetResult();

        Assert.Equal(SubjectTickSchedule.MaxTicksInFlight, firstRound);
        Assert.All(subjects, s => Assert.Equal(1, s.Calls));
        Assert.Equal(subjects.Count, _schedule.TicksStarted);
        Assert.Equal(subjects.Count, _schedule.Count);
    }

    [Fact]
    public void Turn_TickThrows_KeepsTheSubjectOnSchedule()
    {
        var subject = new RecordingSubject { Failure = new InvalidOperationException("activation gone") };
        _schedule.Add(Ticket(subject, workPending: true), Period);

        Pass(Period * 2);

        Assert.Equal(2, subject.Calls);
        Assert.Equal(1, _schedule.Count);
    }

    /// <summary>More subjects than calls may run at once, each tick of them running until the gate opens.</summary>
    private static List<RecordingSubject> MoreThanTheBound(TaskCompletionSource gate) =>
        Enumerable.Range(0, SubjectTickSchedule.MaxTicksInFlight + 44)
            .Select(_ => new RecordingSubject { Pending = gate })
            .ToList();

    private static SubjectTicket Ticket(RecordingSubject subject, bool workPending) =>
        new(subject) { WorkFrom = workPending ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue };

    /// <summary>Moves the wheel's clock one slot at a time, as its timer would see it.</summary>
    private void Pass(TimeSpan time)
    {
        for (var passed = TimeSpan.Zero; passed < time; passed += _schedule.Resolution)
        {
            _clock.Advance(_schedule.Resolution);
        }
    }

    private sealed class RecordingSubject : ISubjectTicking
    {
        public int Calls { get; private set; }

        public TaskCompletionSource? Pending { get; set; }

        public Exception? Failure { get; init; }

        public Task TickAsync()
        {
            Calls++;
            if (Failure is not null)
            {
                throw Failure;
            }

            return Pending?.Task ?? Task.CompletedTask;
        }
    }
}
