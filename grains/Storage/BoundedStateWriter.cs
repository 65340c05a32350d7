using Orleans.Storage;

namespace Kwaf.Grains.Storage;

/// <summary>
/// Runs the state writes of one grain activation so that a slow or locked store never holds the grain for longer
/// than a bounded time: a write that does not finish within the timeout goes on in the background, no new write
/// starts until it ends, and after a failure the next attempt waits with exponential backoff. Every outcome is
/// reported to <see cref="StorageHealth"/>.
/// </summary>
/// <remarks>
/// Used only from its grain's turns, so its fields need no guard; the continuation of a write that outlived its
/// timeout touches only <see cref="StorageHealth"/>, which is thread-safe. The caller must not mutate the object
/// being written while <see cref="IsWriting"/> is true: grains hand the store a snapshot for that reason.
/// </remarks>
internal sealed class BoundedStateWriter
{
    private readonly StateWriteSettings _settings;
    private Task? _running;
    private int _failures;
    private DateTimeOffset _retryAt;

    /// <summary>Creates a writer.</summary>
    /// <param name="storageName">The grain storage name, for metrics.</param>
    /// <param name="health">Where outcomes are reported.</param>
    /// <param name="timeProvider">The clock for timeouts and backoff.</param>
    /// <param name="timeout">How long a bounded write may hold the grain.</param>
    /// <param name="firstRetryDelay">The wait after the first failure; it doubles with each further failure.</param>
    /// <param name="maxRetryDelay">The longest wait between attempts.</param>
    public BoundedStateWriter(
        string storageName,
        StorageHealth health,
        TimeProvider timeProvider,
        TimeSpan timeout,
        TimeSpan firstRetryDelay,
        TimeSpan maxRetryDelay)
        : this(new StateWriteSettings(storageName, health, timeProvider, timeout, firstRetryDelay, maxRetryDelay))
    {
    }

    /// <summary>Creates a writer on shared settings: each grain of a kind then holds only its own progress.</summary>
    /// <param name="settings">The settings.</param>
    public BoundedStateWriter(StateWriteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The clock the writer bounds and schedules with.</summary>
    public TimeProvider TimeProvider => _settings.TimeProvider;

    /// <summary>Whether a write that timed out is still running.</summary>
    public bool IsWriting => _running is { IsCompleted: false };

    /// <summary>Whether the latest attempt failed, so unsaved state waits for a retry.</summary>
    public bool IsRetryPending => _failures > 0;

    /// <summary>When the backoff after failures ends; <see cref="DateTimeOffset.MinValue"/> when none runs.</summary>
    public DateTimeOffset NextAttemptAt => _failures == 0 ? DateTimeOffset.MinValue : _retryAt;

    /// <summary>Whether a new attempt may start now: nothing running and any backoff over.</summary>
    public bool IsAttemptDue => !IsWriting && (_failures == 0 || _settings.TimeProvider.GetUtcNow() >= _retryAt);

    /// <summary>Starts a write and waits for it at most the write timeout.</summary>
    /// <param name="write">Starts the store write, for example the persistent state's write.</param>
    /// <returns>The outcome.</returns>
    public Task<StateWriteResult> WriteBoundedAsync(Func<Task> write) => WriteAsync(write, bounded: true);

    /// <summary>
    /// Waits for a write still running, then writes and waits for the store however long it takes; for
    /// deactivation, which Orleans bounds itself.
    /// </summary>
    /// <param name="write">Starts the store write.</param>
    /// <returns>The outcome.</returns>
    public async Task<StateWriteResult> WriteUnboundedAsync(Func<Task> write)
    {
        if (_running is { IsCompleted: false } running)
        {
            // Its outcome was reported by its continuation; only its end matters here.
            await Task.WhenAny(running);
        }

        return await WriteAsync(write, bounded: false);
    }

    /// <summary>Stops counting this grain as waiting to retry; for a deactivation that could not save.</summary>
    public void Abandon()
    {
        if (_failures > 0)
        {
            _failures = 0;
            _settings.Health.RetryResolved();
        }
    }

    private async Task<StateWriteResult> WriteAsync(Func<Task> write, bool bounded)
    {
        if (IsWriting)
        {
            return new StateWriteResult(StateWriteOutcome.Busy, null);
        }

        Task task;
        try
        {
            task = write();
            _running = task;
            await (bounded ? task.WaitAsync(_settings.Timeout, _settings.TimeProvider) : task);
        }
        catch (Exception) when (_running is { IsCompleted: false } running)
        {
            ReportWhenDone(running);
            return Failed(StateWriteOutcome.TimedOut, null);
        }
        catch (InconsistentStateException exception)
        {
            // The store answered; the grain resolves the conflict and writes again.
            _settings.Health.WriteSucceeded();
            return new StateWriteResult(StateWriteOutcome.Conflict, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(StateWriteOutcome.Failed, exception);
        }
        finally
        {
            // A finished write's task is not kept: it would hold what the write captured until the next one.
            if (_running is { IsCompleted: true })
            {
                _running = null;
            }
        }

        Succeeded();
        return new StateWriteResult(StateWriteOutcome.Written, null);
    }

    private void Succeeded()
    {
        _settings.Health.WriteSucceeded();
        if (_failures > 0)
        {
            _failures = 0;
            _settings.Health.RetryResolved();
        }
    }

    private StateWriteResult Failed(StateWriteOutcome outcome, Exception? error)
    {
        _settings.Health.WriteFailed(_settings.StorageName);
        if (_failures++ == 0)
        {
            _settings.Health.RetryPending();
        }

        var exponent = Math.Min(_failures - 1, 16);
        var delay = _settings.FirstRetryDelay * Math.Pow(2, exponent);
        var longest = _settings.MaxRetryDelay;
        _retryAt = _settings.TimeProvider.GetUtcNow() + (delay < longest ? delay : longest);
        return new StateWriteResult(outcome, error);
    }

    private void ReportWhenDone(Task running)
    {
        // The write goes on after the timeout. Its end is observed here, so a late failure is never unobserved, and
        // a late success tells the health indicator at once that the store answers again.
        _ = running.ContinueWith(
            static (task, state) =>
            {
                var health = (StorageHealth)state!;
                if (task.IsCompletedSuccessfully)
                {
                    health.WriteSucceeded();
                }
                else
                {
                    _ = task.Exception;
                }
            },
            _settings.Health,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
